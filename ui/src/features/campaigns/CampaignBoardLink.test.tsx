import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { campaignBoardFixture, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

// The routes are one table (shell/routes.tsx): a campaign's board has its own address, so a link opens it
// directly (the phone view, U-5), and the list's 查看看板 and the board's 返回 move between the two addresses.
describe("a campaign's board by its address (I-1..I-3, U-5)", () => {
  it("opens #/campaigns/12/board on that campaign's board, under the 激励活动 menu item", async () => {
    const core = installFakeCore({
      overrides: {
        campaign_board: ({ args }) => campaignBoardFixture({ id: args.campaign_id, name: `活动 ${args.campaign_id} 的看板` }),
      },
    });
    window.location.hash = "#/campaigns/12/board";
    renderApp();
    expect(await screen.findByTestId("campaign-board")).toHaveTextContent("活动 12 的看板");
    expect(core.callsOf("campaign_board")).toContainEqual({ args: { campaign_id: 12 } });
    expect(document.querySelector(".app-header-title")).toHaveTextContent("激励活动");
    expect(screen.getByTestId("nav-campaigns").closest(".ant-menu-item")).toHaveClass("ant-menu-item-selected");

    fireEvent.click(screen.getByRole("button", { name: "返回列表" }));
    expect(await screen.findByTestId("campaign-row-11")).toBeInTheDocument();
    expect(window.location.hash).toBe("#/campaigns");

    fireEvent.click(screen.getByTestId("campaign-board-11"));
    expect(await screen.findByTestId("campaign-board")).toHaveTextContent("活动 11 的看板");
    expect(window.location.hash).toBe("#/campaigns/11/board");
  });

  it("sends an address that names no campaign back to the list", async () => {
    installFakeCore();
    window.location.hash = "#/campaigns/abc/board";
    renderApp();
    expect(await screen.findByTestId("campaign-row-11")).toBeInTheDocument();
    await waitFor(() => expect(window.location.hash).toBe("#/campaigns"));
  });
});

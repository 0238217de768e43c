import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeCore } from "../test/fakeCore";
import { renderApp } from "../test/renderApp";

describe("acting user", () => {
  it("switches the actor through session_switch and shows the new one", async () => {
    const core = installFakeCore();
    renderApp();
    const current = await screen.findByTestId("current-actor");
    await waitFor(() => expect(current).toHaveTextContent("王管理系统管理员"));

    const select = screen.getByTestId("actor-select");
    fireEvent.mouseDown(within(select).getByRole("combobox"));
    const option = await screen.findByTitle("李市场 · 品牌市场 · 悦家家政服务");
    const overviewCallsBefore = core.callsOf("enterprise_overview").length;
    fireEvent.click(option);

    await waitFor(() => expect(core.callsOf("session_switch")).toEqual([{ args: { user_id: 2 } }]));
    await waitFor(() => expect(screen.getByTestId("current-actor")).toHaveTextContent("李市场品牌市场"));
    // Everything the new actor sees is fetched again.
    await waitFor(() => expect(core.callsOf("enterprise_overview").length).toBeGreaterThan(overviewCallsBefore));
  });
});

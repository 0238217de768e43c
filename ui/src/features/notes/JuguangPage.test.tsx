import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { pickSave } from "../../test/fakeDialogs";
import { describe, expect, it} from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

function openJuguang(overrides = {}) {
  const core = installFakeCore({ overrides });
  core.state.actorId = 2;
  window.location.hash = "#/juguang";
  renderApp();
  return core;
}

describe("聚光 导购笔记 (N-7)", () => {
  it("explains that only notes sent with 前往聚光 appear, when none has been", async () => {
    openJuguang({ list_juguang: () => [] });
    const empty = await screen.findByTestId("juguang-empty");
    expect(empty).toHaveTextContent("还没有导购笔记");
    expect(empty).toHaveTextContent("点击「前往聚光」，笔记才会出现在这里");
    expect(within(empty).getByTestId("juguang-go-requested")).toHaveAttribute("href", "#/requested");
    expect(screen.getByTestId("juguang-export")).toBeDisabled();
  });

  it("lists the sent notes and exports them in the format of the name chosen", async () => {
    const core = openJuguang();
    const table = await screen.findByTestId("juguang-table");
    expect(await within(table).findByText("已投放笔记 42")).toBeInTheDocument();
    const row = within(table).getByText("已投放笔记 42").closest("tr")!;
    expect(within(row).getByText("56,000")).toBeInTheDocument();
    expect(within(row).getByText("李市场")).toBeInTheDocument();
    expect(core.callsOf("list_juguang")).toEqual([{ args: { enterprise_id: 7 } }]);

    pickSave.mockReturnValueOnce("/home/me/聚光.csv");
    fireEvent.click(screen.getByTestId("juguang-export"));
    await waitFor(() =>
      expect(core.callsOf("export_juguang")).toEqual([{ args: { enterprise_id: 7, format: "csv", file: "grant:/home/me/聚光.csv" } }]),
    );
    expect(await screen.findByText("已导出 1 条：/home/me/聚光.csv")).toBeInTheDocument();
  });
});

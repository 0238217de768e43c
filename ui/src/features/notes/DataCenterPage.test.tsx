import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { pickSave } from "../../test/fakeDialogs";
import { describe, expect, it} from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

function openDataCenter() {
  const core = installFakeCore();
  core.state.actorId = 2;
  window.location.hash = "#/dataCenter";
  renderApp();
  return core;
}

const header = (name: string) => screen.getAllByRole("columnheader").find((th) => th.textContent === name)!;

describe("数据中心 › 按笔记查看 (N-8)", () => {
  it("shows approved notes with rates as percentages, 订单来源 用户授权, and sorts in the core", async () => {
    const core = openDataCenter();
    const table = await screen.findByTestId("data-center-table");
    const video = (await within(table).findByText("审核通过的笔记 42")).closest("tr")!;
    const image = within(table).getByText("审核通过的笔记 41").closest("tr")!;
    expect(within(video).getByText("45.67%")).toBeInTheDocument();
    expect(within(video).getByText("1 分 35 秒")).toBeInTheDocument();
    expect(within(image).getByText("30.00%")).toBeInTheDocument();
    expect(within(image).getAllByText("—").length).toBeGreaterThanOrEqual(2); // no 5s rate, no video length
    expect(within(video).getByText("用户授权")).toBeInTheDocument();
    expect(core.callsOf("data_center")[0]).toEqual({ args: { enterprise_id: 7, sort: "published", desc: true, page_size: 10, page: 1 } });

    fireEvent.click(header("视频笔记5s播放率"));
    await waitFor(() => expect(core.callsOf("data_center").at(-1)).toEqual({ args: { enterprise_id: 7, sort: "video5s_rate", desc: true, page_size: 10, page: 1 } }));
    fireEvent.click(header("阅读UV"));
    await waitFor(() => expect(core.callsOf("data_center").at(-1)).toMatchObject({ args: { sort: "read_uv", desc: true } }));

    fireEvent.click(within(video).getByTestId("row-view-data"));
    await waitFor(() => expect(core.callsOf("note_detail")).toEqual([{ args: { note_row_id: 42 } }]));
    expect(await screen.findByTestId("note-detail-body")).toBeInTheDocument();
  });

  it("exports the list through the save dialog, in the order on screen", async () => {
    const core = openDataCenter();
    await screen.findByText("审核通过的笔记 42");
    fireEvent.click(header("阅读UV"));
    await waitFor(() => expect(core.callsOf("data_center").at(-1)).toMatchObject({ args: { sort: "read_uv", desc: true } }));
    pickSave.mockReturnValueOnce("/home/me/数据中心");
    fireEvent.click(screen.getByTestId("data-center-export"));
    await waitFor(() =>
      expect(core.callsOf("export_data_center")).toEqual([{ args: { enterprise_id: 7, format: "xlsx", file: "grant:/home/me/数据中心.xlsx", sort: "read_uv", desc: true } }]),
    );
  });
});

import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { pickSave } from "../../test/fakeDialogs";
import { describe, expect, it} from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

async function openBoard(actorId = 2) {
  const core = installFakeCore();
  core.state.actorId = actorId;
  window.location.hash = "#/campaigns";
  renderApp();
  fireEvent.click(await screen.findByTestId("campaign-board-11"));
  await screen.findByTestId("campaign-board");
  return core;
}

describe("campaign boards: titles, stores, flags and 颁奖名单 (I-1..I-3)", () => {
  it("shows the note title with 小红书号 and store, people with store and city, and flags as tags", async () => {
    await openBoard();
    const viral = screen.getByTestId("board-viral");
    expect(within(viral).getByText("月嫂上户第一天的收纳清单")).toBeInTheDocument();
    expect(within(viral).getByText("kos21 · 静安店")).toBeInTheDocument();
    expect(within(viral).getByText("（无标题）")).toBeInTheDocument();
    const flag = within(viral).getByTestId("board-flag");
    expect(flag).toHaveTextContent("待复核");
    fireEvent.mouseEnter(flag);
    expect(await screen.findByText("已标记，需人工判断，未从榜单移除：互动数单日暴涨，请人工核实是否刷量")).toBeInTheDocument();
    const ranking = screen.getByTestId("board-ranking");
    expect(within(ranking).getByText("徐汇店 · 上海")).toBeInTheDocument();
    expect(screen.getByTestId("board-scope")).toHaveTextContent("全品牌");
  });

  it("exports the 颁奖名单 to the path chosen and says where it is", async () => {
    const core = await openBoard();
    pickSave.mockReturnValueOnce("/home/me/颁奖名单.xlsx");
    fireEvent.click(screen.getByTestId("award-sheet-export"));
    await waitFor(() => expect(core.callsOf("export_award_sheet")).toEqual([{ args: { campaign_id: 11, file: "grant:/home/me/颁奖名单.xlsx" } }]));
    expect(await screen.findByText("颁奖名单已导出（8 行）：/home/me/颁奖名单.xlsx")).toBeInTheDocument();
  });

  it("hides 导出颁奖名单 from roles without export_award_sheet", async () => {
    await openBoard(4);
    expect(screen.queryByTestId("award-sheet-export")).not.toBeInTheDocument();
  });

  it("sends organic_only when the switch is on", async () => {
    const core = installFakeCore();
    core.state.actorId = 2;
    window.location.hash = "#/campaigns";
    renderApp();
    fireEvent.click(await screen.findByTestId("campaign-edit-11"));
    await waitFor(() => expect(screen.getByTestId("campaign-name")).toHaveValue("双十一爆文激励"));
    expect(screen.getByText("只计自然流量：加热笔记按加热开始时的互动数计")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("campaign-organic-only"));
    fireEvent.change(screen.getByTestId("campaign-reason"), { target: { value: "排除加热带来的互动" } });
    fireEvent.click(screen.getByTestId("campaign-save"));
    await waitFor(() => expect(core.callsOf("update_campaign")).toHaveLength(1));
    expect(core.callsOf("update_campaign")[0]).toMatchObject({ args: { campaign_id: 11, rules: expect.objectContaining({ organic_only: true }) } });
  });
});

import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { campaignBoardFixture, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";
import { podiumOrder } from "./LeaderBoard";

function typeDate(input: HTMLElement, value: string) {
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: "Enter", code: "Enter", keyCode: 13 });
}

async function openBoard() {
  fireEvent.click(await screen.findByTestId("campaign-board-11"));
  return screen.findByTestId("campaign-board");
}

describe("incentive campaigns (I-1..I-3)", () => {
  it("lists campaigns and creates one with the exact args, rules pre-filled from the defaults", async () => {
    const core = installFakeCore();
    window.location.hash = "#/campaigns";
    renderApp();
    const row = await screen.findByTestId("campaign-row-11");
    expect(within(row).getByText("双十一爆文激励")).toBeInTheDocument();
    expect(within(row).getByText("进行中")).toBeInTheDocument();
    expect(within(row).getByText("全品牌")).toBeInTheDocument();
    expect(screen.getByTestId("nav-campaigns")).toHaveTextContent("激励活动");

    fireEvent.click(screen.getByTestId("campaign-new"));
    fireEvent.change(await screen.findByTestId("campaign-name"), { target: { value: "十二月激励" } });
    await waitFor(() => expect(screen.getByTestId("rule-viral_top_n")).toHaveValue("5"));
    fireEvent.change(screen.getByTestId("rule-ranking_award_yuan"), { target: { value: "800" } });
    fireEvent.change(screen.getByTestId("rule-jump_note_factor"), { target: { value: "0" } }); // no note flags
    const inputs = document.querySelectorAll<HTMLInputElement>(".ant-picker-range input");
    typeDate(inputs[0], "2026-12-01");
    typeDate(inputs[1], "2026-12-31");
    fireEvent.click(screen.getByTestId("campaign-save"));

    await waitFor(() =>
      expect(core.callsOf("create_campaign")).toEqual([
        {
          args: {
            enterprise_id: 7,
            name: "十二月激励",
            start_date: "2026-12-01",
            end_date: "2026-12-31",
            scope: null,
            rules: {
              count_shares: false,
              viral_min_interactions: 100,
              viral_top_n: 5,
              viral_award_yuan: 1000,
              ranking_top_n: 10,
              ranking_award_yuan: 800,
              honour_top_n: 3,
              ranking_stacks_with_viral: true,
              organic_only: false,
              jump_note_factor: 0,
              jump_person_factor: 3,
            },
          },
        },
      ]),
    );
    expect(await screen.findByText("激励活动已创建")).toBeInTheDocument();
  });

  it("edits a campaign only with a reason and says the previous result is kept", async () => {
    const core = installFakeCore();
    window.location.hash = "#/campaigns";
    renderApp();
    fireEvent.click(await screen.findByTestId("campaign-edit-11"));
    expect(await screen.findByText("修改后将重新计算榜单，之前的结果会保留在历史版本中。")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("campaign-name")).toHaveValue("双十一爆文激励"));
    fireEvent.change(screen.getByTestId("rule-viral_min_interactions"), { target: { value: "200" } });
    fireEvent.click(screen.getByTestId("campaign-save"));
    expect(await screen.findByText("请填写修改原因")).toBeInTheDocument();
    expect(core.callsOf("update_campaign")).toEqual([]);

    fireEvent.change(screen.getByTestId("campaign-reason"), { target: { value: "门槛过低" } });
    fireEvent.click(screen.getByTestId("campaign-save"));
    await waitFor(() => expect(core.callsOf("update_campaign")).toHaveLength(1));
    expect(core.callsOf("update_campaign")[0]).toEqual({
      args: {
        campaign_id: 11,
        name: "双十一爆文激励",
        start_date: "2026-11-01",
        end_date: "2026-11-30",
        scope: { store_ids: [], cities: [] },
        rules: expect.objectContaining({ viral_min_interactions: 200, viral_top_n: 5, ranking_stacks_with_viral: true }),
        reason: "门槛过低",
      },
    });
  });

  it("renders the three boards with amounts and the rule text", async () => {
    installFakeCore();
    window.location.hash = "#/campaigns";
    renderApp();
    await openBoard();
    const viral = screen.getByTestId("board-viral");
    expect(within(viral).getByText("月嫂上户第一天的收纳清单")).toBeInTheDocument();
    expect(within(viral).getByText("5,320")).toBeInTheDocument();
    expect(within(viral).getAllByText("1,000")).toHaveLength(2);
    const ranking = screen.getByTestId("board-ranking");
    expect(within(ranking).getByText("12,400")).toBeInTheDocument();
    expect(within(ranking).getAllByText("500")).toHaveLength(3);
    const honour = screen.getByTestId("board-honour");
    expect(within(honour).getByText("孙三")).toBeInTheDocument();
    expect(within(honour).getAllByText("品牌周边 1 份")).toHaveLength(3);
    expect(screen.getByText(/先发布者在前/)).toBeInTheDocument();
    expect(screen.getByTestId("board-version")).toHaveTextContent("v2");
    expect(screen.getByTestId("board-as-of")).toHaveTextContent("最新数据");
  });

  it("voids an award only with a reason and sends kind and key", async () => {
    const core = installFakeCore();
    window.location.hash = "#/campaigns";
    renderApp();
    await openBoard();
    fireEvent.click(screen.getByTestId("award-void-ranking-22"));
    fireEvent.click(await screen.findByTestId("void-confirm"));
    expect(await screen.findByText("请填写作废原因")).toBeInTheDocument();
    expect(core.callsOf("void_award")).toEqual([]);

    fireEvent.change(screen.getByTestId("void-reason"), { target: { value: "刷量" } });
    fireEvent.click(screen.getByTestId("void-confirm"));
    await waitFor(() =>
      expect(core.callsOf("void_award")).toEqual([{ args: { campaign_id: 11, kind: "ranking", key: "22", reason: "刷量" } }]),
    );
    // the board is fetched again so the next in line shows
    await waitFor(() => expect(core.callsOf("campaign_board").length).toBeGreaterThan(1));
  });

  it("disables 确认颁奖 before the end date", async () => {
    installFakeCore();
    window.location.hash = "#/campaigns";
    renderApp();
    await openBoard();
    expect(screen.getByTestId("board-status")).toHaveTextContent("进行中");
    expect(screen.getByTestId("awards-confirm")).toBeDisabled();
  });

  it("confirms an ended campaign after a confirm dialog; the board then shows 已确认 and no actions", async () => {
    let status: "ended" | "confirmed" = "ended";
    const core = installFakeCore({
      overrides: {
        campaign_board: () => ({ ...campaignBoardFixture({ status }), frozen: status === "confirmed" }),
        confirm_awards: () => {
          status = "confirmed";
          return { ...campaignBoardFixture({ status }), frozen: true };
        },
      },
    });
    window.location.hash = "#/campaigns";
    renderApp();
    await openBoard();
    expect(screen.getByTestId("award-void-viral-note-a")).toBeInTheDocument();
    expect(screen.getByTestId("awards-confirm")).toBeEnabled();
    fireEvent.click(screen.getByTestId("awards-confirm"));
    expect(await screen.findByText("确认后榜单将冻结，不能再作废或修改。")).toBeInTheDocument();
    expect(core.callsOf("confirm_awards")).toEqual([]);
    fireEvent.click(await screen.findByTestId("awards-confirm-ok"));
    await waitFor(() => expect(core.callsOf("confirm_awards")).toEqual([{ args: { campaign_id: 11 } }]));
    await waitFor(() => expect(screen.getByTestId("board-status")).toHaveTextContent("已确认"));
    expect(screen.queryByTestId("awards-confirm")).not.toBeInTheDocument();
    expect(screen.queryByTestId("award-void-viral-note-a")).not.toBeInTheDocument();
  });

  it("shows full screen with the podium in 2-1-3 order and leaves on Esc", async () => {
    installFakeCore();
    window.location.hash = "#/campaigns";
    renderApp();
    await openBoard();
    fireEvent.click(screen.getByTestId("board-fullscreen"));
    const view = await screen.findByTestId("board-fullscreen-view");
    const places = within(screen.getByTestId("podium")).getAllByTestId(/^podium-place-/);
    expect(places.map((p) => p.getAttribute("data-testid"))).toEqual(["podium-place-2", "podium-place-1", "podium-place-3"]);
    expect(places.map((p) => within(p).getByText(/张一|钱二|孙三/).textContent)).toEqual(["钱二", "张一", "孙三"]);
    expect(within(places[1]).getByText("12,400")).toBeInTheDocument();
    expect(within(view).getByTestId("ranking-chart")).toBeInTheDocument();
    expect(within(view).getByTestId("fullscreen-exit")).toBeInTheDocument();

    act(() => {
      fireEvent.keyDown(window, { key: "Escape" });
    });
    await waitFor(() => expect(screen.queryByTestId("board-fullscreen-view")).not.toBeInTheDocument());
    expect(screen.getByTestId("campaign-board")).toBeInTheDocument();
  });

  it("orders a short podium without gaps", () => {
    const b = campaignBoardFixture().board.honour.map((p) => ({ ...p, place: p.rank }));
    expect(podiumOrder(b.slice(0, 1)).map((p) => p.place)).toEqual([1]);
    expect(podiumOrder([b[2], b[0], b[1]]).map((p) => p.place)).toEqual([2, 1, 3]);
  });

  it("hides 新建 and 确认颁奖 from roles without manage_campaigns", async () => {
    const core = installFakeCore();
    core.state.actorId = 4; // employee: may view, not manage or void
    window.location.hash = "#/campaigns";
    renderApp();
    expect(await screen.findByTestId("campaign-row-11")).toBeInTheDocument();
    expect(screen.queryByTestId("campaign-new")).not.toBeInTheDocument();
    expect(screen.queryByTestId("campaign-edit-11")).not.toBeInTheDocument();
    await openBoard();
    expect(screen.queryByTestId("awards-confirm")).not.toBeInTheDocument();
    expect(screen.queryByTestId("award-void-viral-note-a")).not.toBeInTheDocument();
    expect(screen.getByTestId("board-fullscreen")).toBeInTheDocument();
  });
});

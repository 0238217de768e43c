import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RequestReviewResult } from "../../api/commands.gen";
import { installFakeCore } from "../../test/fakeCore";
import { quotaFixture } from "../../test/noteFixtures";
import { renderApp } from "../../test/renderApp";

function openRequested(actorId = 2, overrides = {}) {
  const core = installFakeCore({ overrides });
  core.state.actorId = actorId;
  window.location.hash = "#/requested";
  renderApp();
  return core;
}

const rowOf = (noteRowId: number) => screen.getByTestId(`note-info-${noteRowId}`).closest("tr")!;
const lastList = (core: ReturnType<typeof installFakeCore>) => core.callsOf("list_notes").at(-1)?.args as Record<string, unknown>;

describe("已发起审核笔记 (N-6)", () => {
  it("shows each tab's count, sorts by request time, and asks the core for the chosen tab", async () => {
    const core = openRequested();
    await waitFor(() => expect(screen.getByTestId("requested-tab-all")).toHaveTextContent("全部12"));
    expect(screen.getByTestId("requested-tab-in_review")).toHaveTextContent("审核中5");
    expect(screen.getByTestId("requested-tab-rejected")).toHaveTextContent("审核不通过3");
    expect(screen.getByTestId("requested-tab-approved")).toHaveTextContent("审核通过4");
    expect(core.callsOf("note_tab_counts")).toEqual([{ args: { enterprise_id: 7 } }]);
    await screen.findByTestId("note-info-43");
    expect(core.callsOf("list_notes")[0]).toMatchObject({ args: { list: "requested", tab: null, sort: "requested", desc: true, page: 1 } });
    // the rejected row carries the reviewer's reason; the one in review waits
    expect(within(rowOf(43)).getByText("内容与品牌无直接关系")).toBeInTheDocument();
    expect(within(rowOf(43)).getByText("审核不通过")).toBeInTheDocument();
    expect(within(rowOf(44)).getByText("等待平台审核")).toBeInTheDocument();
    // in review: only 笔记详情
    expect(within(rowOf(44)).getByTestId("row-detail")).toBeInTheDocument();
    expect(within(rowOf(44)).queryByTestId("row-boost")).not.toBeInTheDocument();

    fireEvent.click(screen.getByTestId("requested-tab-approved"));
    await waitFor(() => expect(lastList(core)).toMatchObject({ tab: "approved", page: 1, cursor: null }));
    await waitFor(() => expect(screen.queryByTestId("note-info-43")).not.toBeInTheDocument());
    // the publish-date filter and the request-date filter are both there
    expect(screen.getByText("发起审核日期")).toBeInTheDocument();
    expect(screen.getByText("笔记发布日期")).toBeInTheDocument();
  });

  it("offers 内容加热, 前往聚光 and 更多 on approved notes; 前往聚光 is off once the note is there", async () => {
    const core = openRequested();
    fireEvent.click(await screen.findByTestId("requested-tab-approved"));
    await screen.findByTestId("note-info-41");
    const fresh = rowOf(41);
    expect(within(fresh).getByTestId("row-boost")).toBeInTheDocument();
    expect(within(fresh).getByTestId("row-juguang")).toBeEnabled();
    expect(within(fresh).getByTestId("row-more")).toBeInTheDocument();
    const sent = rowOf(42);
    expect(within(sent).getByTestId("row-juguang")).toBeDisabled();
    expect(within(sent).getByTestId("tag-on-juguang")).toHaveTextContent("已在聚光");

    fireEvent.click(within(fresh).getByTestId("row-juguang"));
    await waitFor(() => expect(core.callsOf("send_to_juguang")).toEqual([{ args: { note_row_id: 41 } }]));
    expect(await screen.findByText("已加入聚光导购笔记：保洁阿姨的收纳小技巧第41期")).toBeInTheDocument();

    // 更多 › 笔记详情 opens the drawer with every metric
    fireEvent.click(within(rowOf(41)).getByTestId("row-more"));
    fireEvent.click(await screen.findByTestId("row-more-detail"));
    const detail = await screen.findByTestId("note-detail-body");
    await waitFor(() => expect(core.callsOf("note_detail")).toEqual([{ args: { note_row_id: 41 } }]));
    const metrics = within(detail).getByTestId("detail-metrics");
    expect(metrics).toHaveTextContent("点赞120");
    expect(metrics).toHaveTextContent("阅读UV3,100");
    expect(metrics).toHaveTextContent("视频5s播放率45.67%");
    expect(metrics).toHaveTextContent("平均浏览时长12.3 秒");
    expect(metrics).toHaveTextContent("视频总时长1 分 35 秒");
    expect(within(detail).getByTestId("detail-chart")).toBeInTheDocument();
    expect(within(detail).getByText("李市场 发起审核")).toBeInTheDocument();
    expect(within(detail).getByText("审核意见：内容真实，同意通过")).toBeInTheDocument();
    expect(within(within(detail).getByTestId("detail-boosts")).getByText("¥5,000")).toBeInTheDocument();
  });

  it("places a boost order with budget, days and a P-1 goal", async () => {
    const core = openRequested();
    fireEvent.click(await screen.findByTestId("requested-tab-approved"));
    await screen.findByTestId("note-info-41");
    fireEvent.click(within(rowOf(41)).getByTestId("row-boost"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByTestId("boost-submit"));
    expect(await within(dialog).findByText("请填写预算")).toBeInTheDocument();
    expect(within(dialog).getByText("请选择营销目标")).toBeInTheDocument();
    expect(core.callsOf("boost_note")).toEqual([]);

    fireEvent.change(within(dialog).getByTestId("boost-budget"), { target: { value: "5000" } });
    fireEvent.change(within(dialog).getByTestId("boost-days"), { target: { value: "10" } });
    fireEvent.mouseDown(within(within(dialog).getByTestId("boost-goal")).getByRole("combobox"));
    fireEvent.click(await screen.findByTitle("客资收集"));
    fireEvent.click(within(dialog).getByTestId("boost-submit"));
    await waitFor(() =>
      expect(core.callsOf("boost_note")).toEqual([{ args: { note_row_id: 41, budget_yuan: 5000, days: 10, goal: "客资收集" } }]),
    );
    expect(await screen.findByText("已提交内容加热：¥5,000 × 10 天（客资收集）")).toBeInTheDocument();
  });

  it("asks for review again on a rejected note", async () => {
    const refused: RequestReviewResult = {
      requested: [],
      refused: [
        {
          note_row_id: 43,
          note_id: "65a1b2c3d4e5f60000000043",
          title: "保洁阿姨的收纳小技巧第43期",
          code: "too_old",
          rule: "N-2",
          reason: "发布已超过 90 天，不满足审核条件",
          reason_en: "Published more than 90 days ago",
        },
      ],
      quota: quotaFixture(),
    };
    const core = openRequested(2, { request_review: () => refused });
    fireEvent.click(await screen.findByTestId("requested-tab-rejected"));
    await waitFor(() => expect(lastList(core)).toMatchObject({ tab: "rejected" }));
    await screen.findByTestId("note-info-43");
    expect(within(rowOf(43)).getByTestId("row-detail")).toBeInTheDocument();
    fireEvent.click(within(rowOf(43)).getByTestId("row-rerequest"));
    await waitFor(() => expect(core.callsOf("request_review")).toEqual([{ args: { enterprise_id: 7, note_ids: [43] } }]));
    expect(await screen.findByTestId("refusal-43")).toHaveTextContent("发布已超过 90 天，不满足审核条件");
  });

  it("shows the leader the states and details but no change actions", async () => {
    const leaderSession = () => ({
      actor: { id: 6, name: "周总", role: "leader", enterprise_id: 7, enterprise_name: "悦家家政服务", agency_name: null, store_names: [] },
      enterprises: [{ id: 7, name: "悦家家政服务", industry: "家政", city: "上海", store_count: 12 }],
      permissions: ["view_enterprise", "view_overview", "view_notes"],
    });
    openRequested(2, { session_get: leaderSession });
    fireEvent.click(await screen.findByTestId("requested-tab-approved"));
    await screen.findByTestId("note-info-41");
    expect(within(rowOf(41)).queryByTestId("row-boost")).not.toBeInTheDocument();
    expect(within(rowOf(41)).queryByTestId("row-juguang")).not.toBeInTheDocument();
    expect(within(rowOf(41)).getByTestId("row-more")).toBeInTheDocument();
  });
});

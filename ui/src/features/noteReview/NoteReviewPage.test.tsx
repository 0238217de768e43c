import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { reviewQueuePage } from "../../test/noteFixtures";
import { renderApp } from "../../test/renderApp";

function openDesk(overrides = {}) {
  const core = installFakeCore({ overrides });
  core.state.actorId = 5; // 平台审核
  window.location.hash = "#/noteReview";
  renderApp();
  return core;
}

describe("笔记审核台 (N-2, N-6)", () => {
  it("takes the oldest request, approves only with all three N-2 items ticked and a reason, then moves on", async () => {
    let decided = 0;
    const core = openDesk({
      // the decided request leaves the queue
      review_queue: () => {
        const page = reviewQueuePage();
        return { ...page, rows: page.rows.slice(decided), total: page.total - decided };
      },
      decide_review: (a: { args: { review_id: number } }) => {
        decided += 1;
        return { id: a.args.review_id };
      },
    });
    expect(await screen.findByTestId("nav-noteReview")).toHaveTextContent("笔记审核台");
    await waitFor(() => expect(screen.getByTestId("review-queue-total")).toHaveTextContent("待审核申请3"));
    expect(core.callsOf("review_queue")[0]).toEqual({ args: { page_size: 20, cursor: null } });
    const panel = await screen.findByTestId("review-panel");
    expect(within(panel).getByTestId("review-title")).toHaveTextContent("深度保洁前后对比 1");
    expect(within(panel).getByTestId("review-brand")).toHaveTextContent("悦家家政服务");
    expect(within(panel).getByText("https://www.xiaohongshu.com/explore/65a1b2c3d4e5f60000000041")).toBeInTheDocument();
    await waitFor(() => expect(core.callsOf("note_detail")).toContainEqual({ args: { note_row_id: 41 } }));
    expect(await within(panel).findByTestId("review-metrics")).toHaveTextContent("互动量162");

    const approve = screen.getByTestId("review-approve");
    expect(approve).toBeDisabled();
    fireEvent.click(screen.getByTestId("checklist-community"));
    fireEvent.click(screen.getByTestId("checklist-brand_related"));
    expect(approve).toBeDisabled();
    expect(screen.getByTestId("checklist-recent").closest("label")).toHaveTextContent("发布时间在 90 天内");
    fireEvent.click(screen.getByTestId("checklist-recent"));
    expect(approve).toBeEnabled();

    // the reason is required: the brand reads it
    fireEvent.click(approve);
    expect(await screen.findByText("请填写审核意见")).toBeInTheDocument();
    expect(core.callsOf("decide_review")).toEqual([]);

    fireEvent.change(screen.getByTestId("review-reason"), { target: { value: "内容真实，产品信息清晰" } });
    fireEvent.click(approve);
    await waitFor(() =>
      expect(core.callsOf("decide_review")).toEqual([
        { args: { review_id: 1, approve: true, checklist: ["community", "brand_related", "recent"], reason: "内容真实，产品信息清晰" } },
      ]),
    );
    expect(await screen.findByText("已通过：深度保洁前后对比 1")).toBeInTheDocument();
    // the next request is shown, with a fresh checklist and reason
    await waitFor(() => expect(screen.getByTestId("review-title")).toHaveTextContent("深度保洁前后对比 2"));
    expect(screen.getByTestId("review-reason")).toHaveValue("");
    expect(screen.getByTestId("review-approve")).toBeDisabled();
    await waitFor(() => expect(screen.queryByTestId("review-item-1")).not.toBeInTheDocument());
  });

  it("rejects with a reason and whatever items were ticked", async () => {
    const core = openDesk();
    fireEvent.click(await screen.findByTestId("review-item-2"));
    await waitFor(() => expect(screen.getByTestId("review-title")).toHaveTextContent("深度保洁前后对比 2"));
    fireEvent.click(screen.getByTestId("checklist-recent"));
    fireEvent.click(screen.getByTestId("review-reject"));
    expect(await screen.findByText("请填写审核意见")).toBeInTheDocument();
    fireEvent.change(screen.getByTestId("review-reason"), { target: { value: "内容与品牌无直接关系" } });
    fireEvent.click(screen.getByTestId("review-reject"));
    await waitFor(() =>
      expect(core.callsOf("decide_review")).toEqual([
        { args: { review_id: 2, approve: false, checklist: ["recent"], reason: "内容与品牌无直接关系" } },
      ]),
    );
    expect(await screen.findByText("已驳回：深度保洁前后对比 2")).toBeInTheDocument();
  });

  it("says when the queue is empty", async () => {
    openDesk({ review_queue: () => ({ rows: [], total: 0, next_cursor: null }) });
    expect(await screen.findByTestId("review-queue-empty")).toHaveTextContent("暂无待审核的笔记申请");
  });
});

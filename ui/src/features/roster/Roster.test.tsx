import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { apiError, installFakeCore } from "../../test/fakeCore";
import { pickOpen } from "../../test/fakeDialogs";
import { renderApp } from "../../test/renderApp";
import { rosterPreviewFixture } from "../../test/rosterFixtures";

function openStores(overrides = {}) {
  const core = installFakeCore({ overrides });
  window.location.hash = "#/stores";
  renderApp();
  return core;
}

async function chooseAndPreview() {
  pickOpen.mockReturnValueOnce("/home/hr/花名册.xlsx");
  fireEvent.click(await screen.findByTestId("roster-choose"));
  expect(await screen.findByText("花名册.xlsx")).toBeInTheDocument();
  fireEvent.click(screen.getByTestId("roster-preview"));
}

describe("员工花名册 (U-2)", () => {
  beforeEach(() => {
    pickOpen.mockReset().mockReturnValue(null);
  });

  it("previews the sheet's changes and applies exactly the previewed plan once confirmed", async () => {
    const core = openStores();
    await chooseAndPreview();
    await waitFor(() =>
      expect(core.callsOf("roster_preview")).toEqual([
        { args: { enterprise_id: 7, file: "grant:/home/hr/花名册.xlsx", complete: false } },
      ]),
    );
    expect(pickOpen.mock.calls[0][0]).toMatchObject({ filters: [{ extensions: ["xlsx", "csv"] }] });
    expect(await screen.findByTestId("roster-summary")).toHaveTextContent("共 12 行：新增 1 人，变更 1 人，离职 1 人，未变 9 人");
    const changes = screen.getByTestId("roster-changes");
    expect(within(changes).getByText("徐汇店", { selector: "b" })).toBeInTheDocument();
    expect(within(changes).getByText("有 1 个在用绑定，离职后需处理")).toBeInTheDocument();
    expect(core.callsOf("roster_apply")).toEqual([]);

    fireEvent.click(screen.getByTestId("roster-apply"));
    fireEvent.click(await screen.findByTestId("roster-confirm"));
    await waitFor(() =>
      expect(core.callsOf("roster_apply")).toEqual([
        { args: { enterprise_id: 7, file: "grant:/home/hr/花名册.xlsx", complete: false, plan: "ab".repeat(32) } },
      ]),
    );
    expect(await screen.findByTestId("roster-applied")).toHaveTextContent("已导入：新增 1 人，变更 1 人，离职 1 人");
    // the leaver's bindings with the rule's next steps; nothing unbound by itself
    expect(screen.getByTestId("roster-leaver-34-hand_over-61")).toHaveTextContent("移交");
    expect(screen.getByTestId("roster-leaver-34-freeze-61")).toBeInTheDocument();
    expect(screen.getByTestId("roster-leaver-34-wait-62")).toHaveTextContent("2026-12-20 16:00 起可操作");
    expect(core.callsOf("unbind")).toEqual([]);
  });

  it("sends the complete-roster choice and shows row errors, refusing to import", async () => {
    const core = openStores({
      roster_preview: () =>
        rosterPreviewFixture({
          error_count: 1,
          plan: "",
          errors: [{ line: 4, column: "门店", value: "静安", reason: "没有名为「静安」的门店，是否是「静安店」？", reason_en: "did you mean" }],
        }),
    });
    fireEvent.click(await screen.findByTestId("roster-complete"));
    await chooseAndPreview();
    await waitFor(() => expect(core.callsOf("roster_preview").at(-1)).toMatchObject({ args: { complete: true } }));
    expect(await screen.findByText("没有名为「静安」的门店，是否是「静安店」？")).toBeInTheDocument();
    expect(screen.getByTestId("roster-summary")).toHaveTextContent("有 1 处错误");
    expect(screen.getByTestId("roster-apply")).toBeDisabled();
  });

  it("shows why a stale plan was refused", async () => {
    openStores({
      roster_apply: () => {
        throw apiError("plan_changed", "预览之后表格或花名册已有变化，未导入任何内容：请重新预览并确认");
      },
    });
    await chooseAndPreview();
    fireEvent.click(await screen.findByTestId("roster-apply"));
    fireEvent.click(await screen.findByTestId("roster-confirm"));
    expect(await screen.findByTestId("roster-apply-error")).toHaveTextContent("请重新预览并确认");
  });
});

describe("离职 (U-2, B-17, B-18)", () => {
  it("lists the live bindings first, marks the person left with a reason, then offers each next step", async () => {
    const core = openStores();
    fireEvent.click(await screen.findByTestId("staff-leave-1"));
    await waitFor(() => expect(core.callsOf("staff_departure")).toEqual([{ args: { staff_id: 1 } }]));
    expect(await screen.findByTestId("leave-live")).toHaveTextContent("该员工有 2 个在用绑定");
    expect(screen.getByTestId("leave-live")).toHaveTextContent("不会自动解绑");
    // a reason is required
    fireEvent.click(screen.getByTestId("leave-confirm"));
    expect(await screen.findByText("请填写原因")).toBeInTheDocument();
    expect(core.callsOf("mark_staff_left")).toEqual([]);
    fireEvent.change(screen.getByTestId("leave-reason"), { target: { value: "合同到期" } });
    fireEvent.click(screen.getByTestId("leave-confirm"));
    await waitFor(() => expect(core.callsOf("mark_staff_left")).toHaveLength(1));
    expect(core.callsOf("mark_staff_left")[0]).toMatchObject({ args: { staff_id: 1, reason: "合同到期" } });
    expect(await screen.findByTestId("leave-result")).toHaveTextContent("已标记离职（2026-11-26）");

    // 冻结 the enterprise account with a reason
    fireEvent.click(screen.getByTestId("leave-steps-freeze-61"));
    fireEvent.change(await screen.findByTestId("leave-step-reason"), { target: { value: "待移交" } });
    fireEvent.click(screen.getByTestId("leave-step-ok"));
    await waitFor(() => expect(core.callsOf("freeze")).toEqual([{ args: { binding_id: 61, reason: "待移交" } }]));
    expect(await screen.findByTestId("leave-steps-done-61")).toHaveTextContent("已冻结");
    // the personal authorization waits for its B-18 date: no button
    expect(screen.getByTestId("leave-steps-wait-62")).toHaveTextContent("2026-12-20 16:00 起可操作");
    expect(screen.queryByTestId("leave-steps-unbind-62")).toBeNull();
  });

  it("shows the staff roster columns", async () => {
    openStores();
    expect(await screen.findByText("E0001")).toBeInTheDocument();
    expect(screen.getAllByText("美容师").length).toBeGreaterThan(0);
    expect(screen.getAllByText("139****0001").length).toBeGreaterThan(0);
  });
});

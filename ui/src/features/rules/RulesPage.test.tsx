import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RuleSetting } from "../../api/commands.gen";
import { installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

const QUOTA: RuleSetting = {
  key: "review_quota_per_month",
  value: 1000,
  default_value: 1000,
  unit_zh: "篇",
  unit_en: "notes",
  label_zh: "每月笔记配额",
  label_en: "Monthly note quota",
  rule_id: "N-5",
  min: 0,
  max: 1000000,
  brand_override: false,
  updated_at: null,
  updated_by: null,
};

describe("rule settings", () => {
  it("asks for a reason before sending a change", async () => {
    const core = installFakeCore({
      overrides: {
        get_rule_settings: () => [QUOTA],
        update_rule_setting: (a) => ({ ...QUOTA, value: (a.args as { value: number }).value }),
      },
    });
    window.location.hash = "#/rules";
    renderApp();

    expect(await screen.findByText("每月笔记配额")).toBeInTheDocument();
    expect(screen.getByText("N-5")).toBeInTheDocument();
    const input = await screen.findByTestId("rule-value-review_quota_per_month");
    fireEvent.change(input, { target: { value: "1200" } });
    fireEvent.click(screen.getByTestId("rule-change-review_quota_per_month"));

    fireEvent.click(await screen.findByRole("button", { name: "保存" }));
    expect(await screen.findByText("请填写修改原因")).toBeInTheDocument();
    expect(core.callsOf("update_rule_setting")).toEqual([]);

    fireEvent.change(screen.getByTestId("rule-reason"), { target: { value: "平台调整" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() =>
      expect(core.callsOf("update_rule_setting")).toEqual([
        { args: { enterprise_id: 7, key: "review_quota_per_month", value: 1200, reason: "平台调整" } },
      ]),
    );
    expect(await screen.findByText("规则已更新")).toBeInTheDocument();
  });

  it("is read-only for roles that may not change rules", async () => {
    const core = installFakeCore({ overrides: { get_rule_settings: () => [QUOTA] } });
    core.state.actorId = 3;
    window.location.hash = "#/rules";
    renderApp();
    expect(await screen.findByText("每月笔记配额")).toBeInTheDocument();
    expect(screen.queryByTestId("rule-value-review_quota_per_month")).not.toBeInTheDocument();
    expect(screen.getByText(/当前身份只能查看规则/)).toBeInTheDocument();
  });
});

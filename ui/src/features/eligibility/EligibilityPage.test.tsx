import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { bannedEligibility, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

describe("企业资质", () => {
  it("B-15: shows every check as pass/fail with the reason of a failure, usage and the ban's end counting down", async () => {
    // the ban lifts two days and five hours from now, whatever day the test runs
    const until = new Date(Date.now() + 53 * 3600_000 + 30_000).toISOString();
    const core = installFakeCore({ overrides: { eligibility: () => bannedEligibility(until) } });
    core.state.actorId = 2;
    window.location.hash = "#/eligibility";
    renderApp();

    const page = await screen.findByTestId("eligibility-page");
    expect(within(page).getByTestId("eligibility-summary")).toHaveTextContent("暂不满足条件，不能发送新的绑定邀请");
    expect(within(page).getByTestId("eligibility-blocked")).toHaveTextContent(/恢复邀请资格：.*（北京时间）起可操作/);
    expect(within(page).getByTestId("eligibility-until-left")).toHaveTextContent("还剩 2 天 5 小时");
    const banned = within(page).getByTestId("eligibility-check-invite_ban");
    expect(banned).toHaveTextContent("未通过");
    expect(banned).toHaveTextContent("在职证明被判定不合规，暂停发送新邀请");
    expect(within(banned).getByTestId("eligibility-until-invite_ban-left")).toHaveTextContent("还剩 2 天 5 小时");
    expect(banned).toHaveTextContent("B-15");
    expect(within(page).getByTestId("eligibility-check-offline_stores")).toHaveTextContent("通过");
    expect(within(page).getByTestId("eligibility-usage")).toHaveTextContent("已用 75 / 上限 2,000");
    expect(core.callsOf("eligibility")).toEqual([{ args: { enterprise_id: 7 } }]);
  });
});

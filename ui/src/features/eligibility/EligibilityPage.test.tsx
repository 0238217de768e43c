import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { bannedEligibility, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

describe("企业资质", () => {
  it("shows every check as pass/fail with the reason of a failure, usage and the ban date", async () => {
    const core = installFakeCore({ overrides: { eligibility: () => bannedEligibility() } });
    core.state.actorId = 2;
    window.location.hash = "#/eligibility";
    renderApp();

    const page = await screen.findByTestId("eligibility-page");
    expect(within(page).getByTestId("eligibility-summary")).toHaveTextContent("暂不满足条件，不能发送新的绑定邀请");
    expect(within(page).getByTestId("eligibility-blocked")).toHaveTextContent("2026-12-20 起恢复邀请资格");
    const banned = within(page).getByTestId("eligibility-check-invite_ban");
    expect(banned).toHaveTextContent("未通过");
    expect(banned).toHaveTextContent("在职证明不合规，2026-12-20 前不能发送新邀请");
    expect(banned).toHaveTextContent("B-15");
    expect(within(page).getByTestId("eligibility-check-offline_stores")).toHaveTextContent("通过");
    expect(within(page).getByTestId("eligibility-usage")).toHaveTextContent("已用 75 / 上限 2,000");
    expect(core.callsOf("eligibility")).toEqual([{ args: { enterprise_id: 7 } }]);
  });
});

import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { pickSave } from "../../test/fakeDialogs";
import { describe, expect, it} from "vitest";
import { UNBIND_TOO_EARLY, bannedEligibility, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

function openBindings(actorId = 2, overrides = {}) {
  const core = installFakeCore({ overrides });
  core.state.actorId = actorId; // 品牌市场 manages bindings
  window.location.hash = "#/bindings";
  renderApp();
  return core;
}

describe("员工账号", () => {
  it("shows each tab's count and queries the core with the chosen tab", async () => {
    const core = openBindings();
    expect(await screen.findByText("kos1")).toBeInTheDocument();
    expect(screen.getByTestId("binding-tab-active")).toHaveTextContent("已绑定30");
    expect(screen.getByTestId("binding-tab-invited")).toHaveTextContent("邀请中2");
    expect(screen.getByTestId("binding-tab-expired")).toHaveTextContent("已失效3");
    expect(screen.getByTestId("binding-tab-unbound")).toHaveTextContent("已解绑4");
    expect(screen.getByTestId("binding-tab-frozen")).toHaveTextContent("已冻结1");
    expect(core.callsOf("list_bindings")[0]).toEqual({
      args: { enterprise_id: 7, tab: "active", store_id: null, mode: null, job_title: null, keyword: null, page_size: 20, cursor: null },
    });
    // the columns: mode, job title badge and what the next possible action is
    const personal = screen.getByText("kos2").closest("tr")!;
    expect(within(personal).getByText("员工个人号授权")).toBeInTheDocument();
    expect(within(personal).getByText("导购")).toBeInTheDocument();
    expect(within(personal).getByText("可解绑")).toBeInTheDocument();

    fireEvent.click(screen.getByTestId("binding-tab-invited"));
    await waitFor(() => expect(core.callsOf("list_bindings").at(-1)).toMatchObject({ args: { tab: "invited", cursor: null } }));
    expect(await screen.findByText("kos3")).toBeInTheDocument();
    expect(screen.getByTestId("binding-next-3")).toHaveTextContent("邀请失效");

    fireEvent.click(screen.getByTestId("binding-tab-unbound"));
    await waitFor(() => expect(core.callsOf("list_bindings").at(-1)).toMatchObject({ args: { tab: "unbound" } }));
    expect(await screen.findByText("该分类下暂无员工账号")).toBeInTheDocument();
  });

  it("B-18: a refusal that lifts at a known instant shows that Beijing minute and counts down to it", async () => {
    // 3 days, 4 hours and half a minute from now, whatever day the test runs
    const until = new Date(Date.now() + (3 * 24 + 4) * 3600_000 + 30_000);
    openBindings(2, {
      unbind: () => {
        throw { ...UNBIND_TOO_EARLY, details: { rule: "B-18", available_from: until.toISOString() } };
      },
    });
    fireEvent.click(await screen.findByTestId("binding-unbind-2"));
    fireEvent.change(await screen.findByTestId("action-reason"), { target: { value: "员工已离职" } });
    fireEvent.click(screen.getByTestId("action-confirm"));
    const countdown = await screen.findByTestId("action-error-until");
    const beijing = new Date(until.getTime() + 8 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    expect(countdown).toHaveTextContent(
      `${beijing.getUTCFullYear()}-${pad(beijing.getUTCMonth() + 1)}-${pad(beijing.getUTCDate())} ${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}（北京时间）起可操作`,
    );
    expect(screen.getByTestId("action-error-until-left")).toHaveTextContent("还剩 3 天 4 小时");
  });

  it("asks for a reason before unbinding and shows the core's refusal in place", async () => {
    const core = openBindings(2, {
      unbind: () => {
        throw UNBIND_TOO_EARLY;
      },
    });
    fireEvent.click(await screen.findByTestId("binding-unbind-2"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/2026-12-08 .*起可操作/)).toBeInTheDocument();

    fireEvent.click(screen.getByTestId("action-confirm"));
    expect(await screen.findByText("请填写原因")).toBeInTheDocument();
    expect(core.callsOf("unbind")).toEqual([]);

    fireEvent.change(screen.getByTestId("action-reason"), { target: { value: "员工已离职" } });
    fireEvent.click(screen.getByTestId("action-confirm"));
    await waitFor(() => expect(core.callsOf("unbind")).toEqual([{ args: { binding_id: 2, reason: "员工已离职" } }]));
    expect(await screen.findByTestId("action-error")).toHaveTextContent(
      "个人号授权于 2026-11-08 16:00 生效，生效满 30 天后才能解绑：2026-12-08 16:00 起可操作，还需 12 天（B-18）",
    );
    expect(screen.getByRole("dialog")).toBeInTheDocument(); // stays open to try again or cancel
  });

  it("hands an enterprise staff account over to another staff member with an optional new title", async () => {
    const core = openBindings();
    expect(await screen.findByText("kos1")).toBeInTheDocument();
    expect(screen.queryByTestId("binding-handover-2")).not.toBeInTheDocument(); // personal: no hand-over (B-17)
    fireEvent.click(screen.getByTestId("binding-handover-1"));

    const staff = await screen.findByTestId("action-staff");
    fireEvent.mouseDown(within(staff).getByRole("combobox"));
    fireEvent.click(await screen.findByTitle("员工2 · 静安店"));
    expect(screen.queryByTitle("员工1 · 静安店")).not.toBeInTheDocument(); // not to the current holder
    fireEvent.mouseDown(within(screen.getByTestId("action-title")).getByRole("combobox"));
    fireEvent.click(await screen.findByTitle("店长"));
    fireEvent.change(screen.getByTestId("action-reason"), { target: { value: "原员工离职" } });
    fireEvent.click(screen.getByTestId("action-confirm"));
    await waitFor(() =>
      expect(core.callsOf("hand_over")).toEqual([{ args: { binding_id: 1, to_staff_id: 2, job_title: "店长", reason: "原员工离职" } }]),
    );
    expect(await screen.findByText("已移交给 员工2")).toBeInTheDocument();
  });

  it("lists the account's history and exports it as evidence", async () => {
    const core = openBindings();
    fireEvent.click(await screen.findByTestId("binding-history-1"));
    const list = await screen.findByTestId("account-history-list");
    const items = within(list).getAllByText(/冻结员工号|接受绑定邀请|发送企业员工号绑定邀请/);
    expect(items.map((el) => el.textContent)).toEqual([
      "冻结员工号",
      "员工1 接受绑定邀请，身份信息核验通过",
      "发送企业员工号绑定邀请",
    ]);
    expect(within(list).getByText("原因：违规发帖")).toBeInTheDocument();
    expect(core.callsOf("account_history")).toEqual([{ args: { enterprise_id: 7, account_id: 101 } }]);

    pickSave.mockReturnValueOnce("/home/me/kos1-history.csv");
    fireEvent.click(screen.getByTestId("history-export"));
    await waitFor(() =>
      expect(core.callsOf("export_account_history")).toEqual([
        { args: { enterprise_id: 7, account_id: 101, file: "grant:/home/me/kos1-history.csv" } },
      ]),
    );
    expect(await screen.findByText("已导出 3 条记录：/home/me/kos1-history.csv")).toBeInTheDocument();
  });

  it("disables 绑定员工 while an eligibility check fails, with the failure as its tooltip", async () => {
    openBindings(2, { eligibility: () => bannedEligibility() });
    const bind = await screen.findByTestId("bind-staff");
    await waitFor(() => expect(bind).toBeDisabled());
    fireEvent.mouseEnter(screen.getByTestId("bind-staff-wrap"));
    expect(await screen.findByText(/暂不能发送绑定邀请：在职证明被判定不合规，暂停发送新邀请：2026-12-20 11:05 起可操作/)).toBeInTheDocument();
  });

  it("shows no change actions to the administrator, who does not run the program", async () => {
    openBindings(1);
    expect(await screen.findByText("kos1")).toBeInTheDocument();
    expect(screen.queryByTestId("binding-unbind-1")).not.toBeInTheDocument();
    expect(screen.getByTestId("binding-history-1")).toBeInTheDocument();
    expect(screen.getByTestId("bind-staff")).toBeDisabled();
  });
});

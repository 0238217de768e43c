import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LEADER, TEAM_PASSWORD, USERS, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

/** The phone pages (U-5) as a phone's browser opens them: the page at `path`, the fake server behind fetch. */
function openPhone(path: string, browser: { signedIn?: boolean; mustChangePassword?: boolean } = {}) {
  window.history.replaceState(null, "", path);
  const core = installFakeCore({ door: "browser", browser });
  renderApp();
  return core;
}

async function signIn(name: string, password = TEAM_PASSWORD) {
  const form = await screen.findByTestId("phone-login-form");
  fireEvent.change(within(form).getByTestId("phone-login-name"), { target: { value: name } });
  fireEvent.change(within(form).getByTestId("phone-login-password"), { target: { value: password } });
  fireEvent.click(within(form).getByTestId("phone-login-submit"));
}

const EMPLOYEE = USERS.find((u) => u.role === "employee")!;

afterEach(() => {
  document.documentElement.lang = "zh-CN";
});

describe("phone pages (U-5)", () => {
  it("asks a leader with a campaign's link to sign in, then shows that board read-only, in Chinese", async () => {
    const core = openPhone("/m/campaigns/11/board");
    expect(await screen.findByText("登录 KOS 工作台")).toBeInTheDocument();
    // nothing but the session was asked before signing in, and it was refused
    expect(core.state.browser.requests.map((r) => r.path)).toEqual(["/api/session_get"]);
    await signIn(LEADER.name);
    const view = await screen.findByTestId("leader-view");
    const login = core.state.browser.requests.find((r) => r.path === "/api/login")!;
    expect(login.body).toEqual({ name: LEADER.name, password: TEAM_PASSWORD, client: "browser" });
    expect(core.state.browser.requests.every((r) => r.method === "POST" && r.credentials === "same-origin")).toBe(true);
    expect(core.callsOf("campaign_leader_view")).toEqual([{ args: { campaign_id: 11, store_id: null, city: null } }]);
    expect(screen.getByTestId("phone-title")).toHaveTextContent("领导看板");
    expect(screen.getByTestId("phone-who")).toHaveTextContent("悦家家政服务 · 周领导 · 管理层");
    expect(view).toHaveClass("leader-view-phone");
    expect(within(view).getByTestId("podium")).toBeInTheDocument();
    expect(within(view).getByTestId("ranking-chart")).toBeInTheDocument();
    expect(within(view).getByTestId("trend-chart")).toBeInTheDocument();
    // read-only, and no full screen on a phone; a leader has one page, so no tab bar
    expect(screen.queryByTestId("leader-fullscreen")).not.toBeInTheDocument();
    expect(screen.queryByText("作废")).not.toBeInTheDocument();
    expect(screen.queryByTestId("phone-tab-board")).not.toBeInTheDocument();
    expect(window.location.pathname).toBe("/m/campaigns/11/board");
  });

  it("keeps the login page on a wrong password, with the server's message", async () => {
    const core = openPhone("/m");
    await signIn(LEADER.name, "wrong-password");
    expect(await screen.findByTestId("phone-login-error")).toHaveTextContent("用户名或密码不正确");
    expect(screen.getByTestId("phone-login-password")).toHaveValue("");
    expect(core.state.browser.signedIn).toBe(false);
    expect(screen.queryByTestId("phone-shell")).not.toBeInTheDocument();
  });

  it("has a reset password changed before anything else (U-4)", async () => {
    const core = openPhone("/m/board", { mustChangePassword: true });
    await signIn(LEADER.name);
    const form = await screen.findByTestId("change-password-form");
    expect(screen.getByText("请先修改密码")).toBeInTheDocument();
    fireEvent.change(within(form).getByTestId("password-current"), { target: { value: TEAM_PASSWORD } });
    fireEvent.change(within(form).getByTestId("password-new"), { target: { value: "leader-own-2026" } });
    fireEvent.change(within(form).getByTestId("password-again"), { target: { value: "leader-own-2026" } });
    fireEvent.click(within(form).getByTestId("password-save"));
    await screen.findByTestId("leader-view");
    expect(core.callsOf("change_password")).toEqual([{ args: { current_password: TEAM_PASSWORD, new_password: "leader-own-2026" } }]);
  });

  it("brings the login page back when the session ends (a working day later), and signs out", async () => {
    const core = openPhone("/m/board", { signedIn: true });
    core.state.actorId = LEADER.id;
    await screen.findByTestId("leader-view");
    core.state.browser.signedIn = false; // the server forgot the session
    fireEvent.click(screen.getByTestId("leader-refresh"));
    expect(await screen.findByTestId("phone-login-form")).toBeInTheDocument();
    await signIn(LEADER.name);
    await screen.findByTestId("leader-view");
    fireEvent.click(screen.getByTestId("phone-logout"));
    expect(await screen.findByTestId("phone-login-form")).toBeInTheDocument();
    const paths = core.state.browser.requests.map((r) => r.path);
    expect(paths.lastIndexOf("/api/logout")).toBeGreaterThan(paths.lastIndexOf("/api/login"));
    expect(core.state.browser.signedIn).toBe(false);
  });

  it("gives an employee 我的数据 first, as cards, and 消息通知 where the invitation is accepted with name and ID (B-13, B-14)", async () => {
    const core = openPhone("/");
    await signIn(EMPLOYEE.name);
    expect(await screen.findByTestId("my-data-page")).toBeInTheDocument();
    expect(window.location.pathname).toBe("/m/my-data");
    await screen.findByTestId("employee-dashboard");
    expect(core.callsOf("dashboard_employee")).toEqual([{ args: { enterprise_id: 7, staff_id: EMPLOYEE.staff_id } }]);
    // a list of accounts, not a wide table
    expect(screen.getByTestId("employee-accounts").tagName).not.toBe("TABLE");
    expect(document.querySelector(".ant-table")).toBeNull();
    expect(screen.getByTestId("phone-tab-myData")).toHaveTextContent("我的数据");
    expect(screen.queryByTestId("phone-tab-board")).not.toBeInTheDocument();

    fireEvent.click(screen.getByTestId("phone-tab-invitations"));
    const card = await screen.findByTestId("invitation-41");
    expect(window.location.pathname).toBe("/m/invitations");
    expect(card).toHaveTextContent("悦家家政服务 邀请你绑定为员工号");
    expect(screen.getByTestId("invitation-countdown-41")).toHaveTextContent(/剩余 47:59:\d\d/);
    fireEvent.click(screen.getByTestId("invitation-accept-41"));
    fireEvent.change(await screen.findByTestId("accept-name"), { target: { value: "陈小美" } });
    fireEvent.change(screen.getByTestId("accept-id"), { target: { value: "11010519491231002x" } });
    fireEvent.click(screen.getByTestId("accept-submit"));
    await waitFor(() => expect(core.callsOf("accept_invitation")).toEqual([{ args: { binding_id: 41, name: "陈小美", id_number: "11010519491231002X" } }]));
    expect(await screen.findByText("已接受邀请，绑定已生效")).toBeInTheDocument();
  });

  it("sends an employee who opens a leader's link to their own pages, and switches to English", async () => {
    openPhone("/m/campaigns/11/board");
    await signIn(EMPLOYEE.name);
    expect(await screen.findByTestId("my-data-page")).toBeInTheDocument();
    expect(window.location.pathname).toBe("/m/my-data");
    fireEvent.click(screen.getByTestId("lang-toggle"));
    await waitFor(() => expect(screen.getByTestId("phone-title")).toHaveTextContent("My data"));
    expect(screen.getByTestId("phone-tab-invitations")).toHaveTextContent("Notifications");
  });
});

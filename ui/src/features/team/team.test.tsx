// U-4, issue 13 item 4: the window as a client of the team server — connect, sign in, commands over the
// team connection, no user switcher, the remembered server, a reset password, a refused sign-in.
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TEAM_PASSWORD, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

function fill(testId: string, value: string) {
  const host = screen.getByTestId(testId);
  const input = host.tagName === "INPUT" ? host : within(host).getByRole("textbox");
  fireEvent.change(input, { target: { value } });
}

function fillPassword(testId: string, value: string) {
  const host = screen.getByTestId(testId);
  const input = (host.tagName === "INPUT" ? host : host.querySelector("input")) as HTMLInputElement;
  fireEvent.change(input, { target: { value } });
}

describe("U-4: the window as a team server's client", () => {
  it("connects from the header, then sends every command through the team connection and hides the switcher", async () => {
    const core = installFakeCore();
    renderApp();
    await waitFor(() => expect(screen.getByTestId("current-actor")).toHaveTextContent("王管理"));
    expect(screen.getByTestId("actor-select")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("team-connect-open"));
    await screen.findByTestId("team-connect-form");
    fill("team-url", "http://127.0.0.1:7070");
    fill("team-name", "王管理");
    fillPassword("team-password", TEAM_PASSWORD);
    const localOverviews = core.callsOf("enterprise_overview").length;
    fireEvent.click(screen.getByTestId("team-login"));

    await waitFor(() =>
      expect(core.callsOf("team_connect")).toEqual([
        { args: { url: "http://127.0.0.1:7070", name: "王管理", password: TEAM_PASSWORD } },
      ]),
    );
    await screen.findByTestId("team-badge");
    // no 以…身份预览 on a team server: the server takes the actor from the session
    expect(screen.queryByTestId("actor-select")).not.toBeInTheDocument();
    // the pages ask again, through team_call only
    await waitFor(() => expect(core.teamCallsOf("enterprise_overview").length).toBeGreaterThan(0));
    expect(core.callsOf("enterprise_overview").length).toBe(localOverviews);
    expect(core.teamCallsOf("session_get").length).toBeGreaterThan(0);
  });

  it("a refused sign-in keeps the address and name typed, clears the password and says why", async () => {
    const core = installFakeCore();
    renderApp();
    fireEvent.click(await screen.findByTestId("team-connect-open"));
    await screen.findByTestId("team-connect-form");
    fill("team-url", "https://kos.example.cn:8443");
    fill("team-name", "李市场");
    fillPassword("team-password", "wrong-password");
    fireEvent.click(screen.getByTestId("team-login"));
    await screen.findByText("用户名或密码不正确");
    expect(core.callsOf("team_connect")).toHaveLength(1);
    expect(within(screen.getByTestId("team-url")).queryByRole("textbox") ?? screen.getByTestId("team-url")).toHaveValue(
      "https://kos.example.cn:8443",
    );
    expect(screen.getByTestId("team-name")).toHaveValue("李市场");
    await waitFor(() => expect(screen.getByTestId("team-password").querySelector("input") ?? screen.getByTestId("team-password")).toHaveValue(""));
    expect(screen.getByTestId("actor-select")).toBeInTheDocument(); // still solo
  });

  it("a remembered server asks to sign in before any page loads; 改用本机数据库 goes back to solo", async () => {
    const core = installFakeCore({ team: { url: "https://kos.example.cn:8443", name: "李市场" } });
    renderApp();
    await screen.findByTestId("team-login-page");
    expect(screen.getByText("https://kos.example.cn:8443")).toBeInTheDocument();
    expect(screen.getByTestId("team-name")).toHaveValue("李市场");
    expect(core.callsOf("session_get")).toHaveLength(0); // nothing asked of either store yet
    fireEvent.click(screen.getByTestId("team-use-local"));
    await waitFor(() => expect(screen.getByTestId("current-actor")).toHaveTextContent("王管理"));
    expect(core.state.team.url).toBeNull();
  });

  it("a password the administrator reset is changed before anything else", async () => {
    const core = installFakeCore({ team: { connected: true, url: "http://127.0.0.1:7070", name: "李市场", must_change_password: true } });
    renderApp();
    await screen.findByTestId("change-password-form");
    fillPassword("password-current", "temporary-1");
    fillPassword("password-new", "my-own-password");
    fillPassword("password-again", "my-own-password");
    fireEvent.click(screen.getByTestId("password-save"));
    await waitFor(() =>
      expect(core.teamCallsOf("change_password")).toEqual([
        { args: { current_password: "temporary-1", new_password: "my-own-password" } },
      ]),
    );
    await screen.findByTestId("team-badge");
  });

  it("退出登录 ends the session and shows the sign-in page of the same server", async () => {
    const core = installFakeCore({ team: { connected: true, url: "http://127.0.0.1:7070", name: "王管理" } });
    renderApp();
    fireEvent.click(await screen.findByTestId("team-menu"));
    fireEvent.click(await screen.findByText("退出登录"));
    await screen.findByTestId("team-login-page");
    expect(core.callsOf("team_disconnect")).toHaveLength(1);
    expect(core.state.team.url).toBe("http://127.0.0.1:7070");
  });
});

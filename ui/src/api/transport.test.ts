import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "./commands.gen";
import { browserLogin, browserLogout, isBrowserMode, onSignedOut, type SignedOutReason } from "./transport";

/** A fetch that answers every request with `status` and `body`, remembering what was sent. */
function answer(status: number, body: unknown) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }),
  );
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

const SESSION = { actor: { id: 6, name: "周领导" }, enterprises: [], permissions: [] };

describe("the browser transport (U-5): commands from a phone's browser to the team server", () => {
  beforeEach(() => {
    delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("is on only when the page has no Tauri in it", () => {
    expect(isBrowserMode()).toBe(true);
    (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__ = {};
    expect(isBrowserMode()).toBe(false);
  });

  it("posts a command's arguments to /api/<command> with the session cookie and answers { status: ok, data }", async () => {
    const fetch = answer(200, SESSION);
    await expect(commands.sessionGet({})).resolves.toEqual({ status: "ok", data: SESSION });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe("/api/session_get");
    expect(init).toMatchObject({ method: "POST", credentials: "same-origin", body: "{}" });
    await commands.campaignLeaderView({ campaign_id: 12, store_id: 3, city: null });
    expect(fetch.mock.calls[1][0]).toBe("/api/campaign_leader_view");
    expect(JSON.parse(String(fetch.mock.calls[1][1]?.body))).toEqual({ campaign_id: 12, store_id: 3, city: null });
  });

  it("answers a refusal as { status: error, error } with the server's typed error", async () => {
    const error = { code: "identity_mismatch", message: "姓名或身份证号与邀请信息不一致", message_en: "Mismatch", details: null };
    answer(409, error);
    await expect(commands.acceptInvitation({ binding_id: 41, name: "陈小美", id_number: "11010519491231002X" })).resolves.toEqual({ status: "error", error });
  });

  it("tells the phone's gate when the session is gone (401) or the password must change first", async () => {
    const heard: SignedOutReason[] = [];
    const stop = onSignedOut((r) => heard.push(r));
    answer(401, { code: "unauthenticated", message: "请先登录", message_en: "Sign in first", details: null });
    const r = await commands.listEnterprises({});
    expect(r).toMatchObject({ status: "error", error: { code: "unauthenticated" } });
    answer(403, { code: "password_change_required", message: "请先修改密码", message_en: "Change it first", details: null });
    await commands.listEnterprises({});
    answer(403, { code: "forbidden", message: "无权", message_en: "Forbidden", details: null });
    await commands.listEnterprises({});
    expect(heard).toEqual(["unauthenticated", "password_change_required"]);
    stop();
    answer(401, { code: "unauthenticated", message: "请先登录", message_en: "Sign in first", details: null });
    await commands.listEnterprises({});
    expect(heard).toHaveLength(2);
  });

  it("turns an unreachable server or a non-JSON answer into server_unreachable, in both languages", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const r = await commands.sessionGet({});
    expect(r).toMatchObject({ status: "error", error: { code: "server_unreachable" } });
    if (r.status === "error") {
      expect(r.error.message).toContain("无法连接团队服务器");
      expect(r.error.message_en).toContain("cannot be reached");
    }
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<html>502 Bad Gateway</html>", { status: 502 })));
    expect(await commands.sessionGet({})).toMatchObject({ status: "error", error: { code: "server_unreachable" } });
  });

  it("signs in as a browser (the server sets the HttpOnly cookie) and signs out", async () => {
    const fetch = answer(200, { expires_at: "2026-12-07T20:00:00+08:00", session: SESSION, must_change_password: true });
    const r = await browserLogin("周领导", "pass-2026");
    expect(r.must_change_password).toBe(true);
    expect(fetch.mock.calls[0][0]).toBe("/api/login");
    expect(JSON.parse(String(fetch.mock.calls[0][1]?.body))).toEqual({ name: "周领导", password: "pass-2026", client: "browser" });
    answer(401, { code: "login_failed", message: "用户名或密码不正确", message_en: "Wrong", details: null });
    await expect(browserLogin("周领导", "x")).rejects.toMatchObject({ code: "login_failed" });
    // signing out of a session that already ended is no error
    answer(401, { code: "unauthenticated", message: "请先登录", message_en: "Sign in first", details: null });
    await expect(browserLogout()).resolves.toBeUndefined();
  });
});

// Updates (issue 15 item 3) in the real window, against a release manifest on loopback: a small HTTP server on
// 127.0.0.1 serves latest.json and an artifact signed with the TEST key under fixtures/updater (`tauri signer
// sign`; the debug build accepts that key through KOS_DESK_UPDATE_PUBKEY, a release build never does) and
// counts every request. Proven here: with the administrator's switch off no request reaches the server; on,
// the notice shows the version, date and notes; no download starts while an import runs (another process's
// import lease in the database); the download completes and is staged in the app's data folder; the next start
// waits while an import runs and says so; the start after installs it before the window opens (on Linux the
// plugin replaces the AppImage that $APPIMAGE names: here a temp file whose bytes become the artifact's); a
// tampered signature is refused and nothing kept; a staged file changed at rest is refused and deleted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { freshHome, startDriver, openWindow, shot, byTestId, endSession, binary } from "./harness.mjs";
import { call, clickTestId } from "./actions.mjs";
import { dbPath } from "./fixtures.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "fixtures", "updater");
const ARTIFACT = readFileSync(join(fixtures, "kos-desk_9.9.9_amd64.AppImage"));
const SIGNATURE = readFileSync(join(fixtures, "kos-desk_9.9.9_amd64.AppImage.sig"), "utf8").trim();
const TEST_PUBKEY = readFileSync(join(fixtures, "test.key.pub"), "utf8").trim();
const NOTES = "新增：启动时检查更新与签名校验。\n修复：导入进度显示。";
const OLD_APP = "the installed KOS Desk 0.1.0 (stands in for the AppImage)\n";

/** What the server answers and what it was asked. */
const server = { manifest: null, artifact: ARTIFACT, requests: [] };
let port;
let httpServer;
let env;
let appImage;
let browser;

/** A signature whose minisign signature bytes are changed (its text and trusted comment kept). */
function tampered(sig) {
  const lines = Buffer.from(sig, "base64").toString("utf8").split("\n");
  const line = lines[1]; // the signature itself, base64: one character in its signature bytes changed
  lines[1] = line.slice(0, 20) + (line[20] === "A" ? "B" : "A") + line.slice(21);
  return Buffer.from(lines.join("\n"), "utf8").toString("base64");
}

function manifest(signature = SIGNATURE) {
  return {
    version: "9.9.9",
    notes: NOTES,
    pub_date: "2026-12-01T08:00:00Z",
    platforms: { "linux-x86_64": { signature, url: `http://127.0.0.1:${port}/kos-desk_9.9.9_amd64.AppImage` } },
  };
}

const staging = () => join(env.XDG_DATA_HOME, "com.kosdesk.desk", "updates");
const staged = () => (existsSync(staging()) ? readdirSync(staging()).sort() : []);
const count = (path) => server.requests.filter((r) => r === path).length;

/** Another process's note import, running under a live lease (what `kos-desk import notes` holds). */
function importRunsElsewhere(on) {
  const py = on
    ? `import sqlite3,sys,datetime
c=sqlite3.connect(sys.argv[1]); now=datetime.datetime.now(datetime.timezone.utc)
f=lambda t: t.strftime('%Y-%m-%dT%H:%M:%SZ')
c.execute("INSERT INTO note_imports (enterprise_id,file_name,file_sha256,data_date,mapping_json,status,rows_total,rows_done,started_by,started_at,lease_owner,lease_until) VALUES ((SELECT MIN(id) FROM enterprises),'e2e-cli-import.csv','e2e','2026-12-01','{}','running',1000,10,(SELECT MIN(id) FROM users),?,'kos-desk-cli-e2e',?)",(f(now),f(now+datetime.timedelta(hours=2))))
c.commit()`
    : `import sqlite3,sys
c=sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM note_imports WHERE file_sha256='e2e'"); c.commit()`;
  execFileSync("python3", ["-c", py, dbPath(env)]);
}

async function start() {
  await startDriver(env);
  browser = await openWindow();
  await byTestId(browser, "nav-rules", 60_000);
}

async function stop() {
  await endSession(browser);
  browser = undefined;
}

/** One start of the window: `fn` runs in it; the window and its driver end whatever happens (a failure's
 * screen is kept as `updater-failed-<name>.png`). */
async function inWindow(name, fn) {
  await start();
  try {
    await fn();
  } catch (e) {
    await shot(browser, `updater-failed-${name}`).catch(() => {});
    throw e;
  } finally {
    await stop();
  }
}

async function settingsPage() {
  await clickTestId(browser, "nav-rules");
  const card = await byTestId(browser, "updates-card");
  await card.scrollIntoView();
  return card;
}

async function phase(expected, timeout = 60_000) {
  const el = await byTestId(browser, "update-phase", timeout);
  await browser.waitUntil(async () => (await el.getAttribute("data-phase")) === expected, {
    timeout,
    timeoutMsg: `update phase: expected ${expected}, saw ${await el.getAttribute("data-phase")} (${await el.getText()})`,
  });
}

before(async () => {
  ({ env } = freshHome());
  execFileSync(binary, ["demo"], { env, encoding: "utf8" });
  httpServer = createServer((req, res) => {
    server.requests.push(req.url);
    if (req.url === "/latest.json") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(server.manifest));
    } else if (req.url === "/kos-desk_9.9.9_amd64.AppImage") {
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": server.artifact.length });
      res.end(server.artifact);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => httpServer.listen(0, "127.0.0.1", ok));
  port = httpServer.address().port;
  server.manifest = manifest();
  appImage = join(env.XDG_DATA_HOME, "..", "KOS_Desk_0.1.0_amd64.AppImage");
  writeFileSync(appImage, OLD_APP, { mode: 0o755 });
  Object.assign(env, {
    KOS_DESK_UPDATE_ENDPOINT: `http://127.0.0.1:${port}/latest.json`,
    KOS_DESK_UPDATE_PUBKEY: TEST_PUBKEY,
    KOS_DESK_UPDATE_NO_RELAUNCH: "1",
    APPIMAGE: appImage,
  });
});

after(async () => {
  await endSession(browser);
  await new Promise((ok) => httpServer?.close(ok) ?? ok());
});

/** Waits until the element's text contains `text` (the notice fades in); its DOM text, as WebKit's element
 * text leaves out antd's card titles. */
async function textOf(el, text, timeout = 30_000) {
  const read = async () => String(await el.getProperty("textContent"));
  await browser.waitUntil(async () => (await read()).includes(text), {
    timeout,
    timeoutMsg: `"${text}" not in: ${await read()}`,
  });
  return read();
}

test("issue 15: with the administrator's switch off, the start asks nothing (the server counts no request)", async () => {
  call(env, "set_update_check", { check_on_start: false, reason: "内网部署" }, "1");
  await inWindow("switch-off", async () => {
    await settingsPage();
    await phase("off");
    const sw = await byTestId(browser, "update-check-switch");
    assert.equal(await sw.getAttribute("aria-checked"), "false");
    await textOf(await byTestId(browser, "update-check-changed"), "关闭");
    assert.equal(server.requests.length, 0, `requests: ${server.requests}`);
    await shot(browser, "90-updates-switch-off");
    // the administrator turns it on in the window: recorded, and the next start checks
    await sw.click();
    await browser.waitUntil(async () => (await sw.getAttribute("aria-checked")) === "true", { timeout: 20_000 });
  });
  const history = call(env, "list_history", { enterprise_id: null, entity_type: "update_setting", page_size: 10, cursor: null }, "1");
  assert.deepEqual(history.rows.map((r) => r.action), ["enable", "disable"]);
  assert.equal(server.requests.length, 0);
});

test("issue 15: the notice shows the version, date and notes; no download while an import runs; then it is staged", async () => {
  await inWindow("notice", async () => {
    const notice = await byTestId(browser, "update-notice", 60_000);
    const text = await textOf(notice, "发现新版本 9.9.9");
    assert.match(text, /发布日期 2026-12-01/);
    assert.ok(text.includes("新增：启动时检查更新与签名校验。"), text);
    assert.ok(text.includes("下载并在下次启动时安装") && text.includes("以后再说"), text);
    assert.equal(count("/latest.json"), 1);
    await shot(browser, "91-update-notice");
    // an import runs in another process (its lease in the database): the download does not start
    importRunsElsewhere(true);
    await clickTestId(browser, "update-download");
    await textOf(await browser.$("body"), "有导入正在进行");
    assert.equal(count("/kos-desk_9.9.9_amd64.AppImage"), 0);
    assert.deepEqual(staged(), []);
    importRunsElsewhere(false);
    // the import ended: the download runs, is verified and kept for the next start
    await clickTestId(browser, "update-download");
    const tag = await byTestId(browser, "update-staged", 60_000);
    await textOf(tag, "9.9.9 已下载，下次启动时安装");
    // the refusal's toast has gone before the screenshot
    await browser.waitUntil(async () => !(await browser.$(".ant-message-notice").isExisting()), { timeout: 20_000 });
    assert.equal(count("/kos-desk_9.9.9_amd64.AppImage"), 1);
    assert.deepEqual(staged(), ["artifact", "update.json"]);
    assert.ok(readFileSync(join(staging(), "artifact")).equals(ARTIFACT));
    await shot(browser, "92-update-staged");
  });
  assert.equal(readFileSync(appImage, "utf8"), OLD_APP, "nothing is installed before the next start");
});

test("issue 15: at the next start an import that runs holds the install back, and the window says so", async () => {
  importRunsElsewhere(true);
  try {
    await inWindow("waits", async () => {
      const tag = await byTestId(browser, "update-staged", 60_000);
      await textOf(tag, "9.9.9 等待安装");
      assert.match(await tag.getAttribute("title"), /有导入正在进行/);
      // said at start in a notice, not only in the tag's tooltip
      await textOf(await byTestId(browser, "update-waiting-notice"), "有导入正在进行，本次启动不安装");
      assert.equal(readFileSync(appImage, "utf8"), OLD_APP);
      assert.deepEqual(staged(), ["artifact", "update.json"]);
      await shot(browser, "93-update-waits-for-import");
    });
  } finally {
    importRunsElsewhere(false);
  }
});

test("issue 15: the start after installs the staged update before the window opens", async () => {
  const before = server.requests.length;
  await inWindow("install", async () => {
    await textOf(await byTestId(browser, "update-installed", 60_000), "已更新到 9.9.9");
    // the plugin replaced the AppImage $APPIMAGE names with the artifact's bytes; the staged copy is gone
    assert.ok(readFileSync(appImage).equals(ARTIFACT), readFileSync(appImage, "utf8"));
    assert.deepEqual(staged(), []);
    // installed offline: the release server was not asked again
    assert.equal(server.requests.length, before);
    await shot(browser, "95-update-installed");
  });
});

test("issue 15: a tampered signature is refused and nothing is kept", async () => {
  server.manifest = manifest(tampered(SIGNATURE));
  await inWindow("tampered", async () => {
    await byTestId(browser, "update-notice", 60_000);
    await clickTestId(browser, "update-download");
    const failed = await byTestId(browser, "update-failed", 60_000);
    assert.match(await failed.getAttribute("title"), /签名无效，已拒绝/);
    assert.deepEqual(staged(), []);
    await settingsPage();
    await phase("failed");
    // the reason, a click on the quiet tag away
    await failed.click();
    await textOf(await browser.$(".update-popover"), "签名无效");
    await (await byTestId(browser, "updates-card")).scrollIntoView();
    await shot(browser, "94-update-signature-refused");
  });
});

test("issue 15: a staged file changed at rest is refused at the next start and deleted", async () => {
  server.manifest = manifest();
  writeFileSync(appImage, OLD_APP, { mode: 0o755 });
  await inWindow("stage-again", async () => {
    await byTestId(browser, "update-notice", 60_000);
    await clickTestId(browser, "update-download");
    await byTestId(browser, "update-staged", 60_000);
  });
  const file = join(staging(), "artifact");
  const bytes = readFileSync(file);
  bytes[0] ^= 1;
  writeFileSync(file, bytes);
  await inWindow("at-rest", async () => {
    const failed = await byTestId(browser, "update-failed", 60_000);
    assert.match(await failed.getAttribute("title"), /签名无效，已拒绝并删除/);
    assert.deepEqual(staged(), []);
    assert.equal(readFileSync(appImage, "utf8"), OLD_APP, "nothing was installed");
  });
});

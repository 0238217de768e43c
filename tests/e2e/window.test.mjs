// The foundation end to end in the real window: empty database → language both ways → demo data →
// modules → acting role switch → remembered language; screenshots of every screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText, binary, endSession, spawnTracked } from "./harness.mjs";

let browser;
let env;
let home;

before(async () => {
  // the window as shipped (drawn without GPU compositing: see freshHome)
  ({ env, home } = freshHome({ shipped: true }));
  await startDriver(env);
  const started = Date.now();
  browser = await openWindow();
  await byTestId(browser, "load-demo");
  // launch of the binary through the driver up to the first interactive screen
  console.log(`startup: window ready ${Date.now() - started} ms after launch`);
});

after(async () => {
  // by id, even when a test failed: the driver, WebKitWebDriver, the window and anything they started
  await endSession(browser);
});

/** The environment of each process whose command is `name` and that runs on this test's home. */
function environsOf(name) {
  const out = [];
  for (const pid of execFileSync("ps", ["-e", "-o", "pid="], { encoding: "utf8" }).trim().split(/\s+/)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== name) continue;
      const vars = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      if (vars.includes(`XDG_DATA_HOME=${env.XDG_DATA_HOME}`)) out.push(vars);
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

test("issue 15 item 4: the window draws its pages without GPU compositing (its web process is told so)", () => {
  const web = environsOf("WebKitWebProces");
  assert.equal(web.length, 1, "one web process for this window");
  assert.ok(web[0].includes("WEBKIT_DISABLE_COMPOSITING_MODE=1"), "WebKit runs without GPU compositing");
  assert.ok(!env.KOS_DESK_GPU_COMPOSITING && !env.WEBKIT_DISABLE_COMPOSITING_MODE, "set by the window, not by this test");
});

test("opens on an empty database offering demo data, in Chinese", async () => {
  const load = await byTestId(browser, "load-demo");
  assert.match(await load.getText(), /载入演示数据/);
  await waitForText(browser, "KOS 工作台");
  assert.equal(await browser.getTitle(), "KOS 工作台");
  const actor = await byTestId(browser, "current-actor");
  await browser.waitUntil(async () => (await actor.getText()).includes("本机管理员"), { timeout: 20_000 });
  assert.match(await actor.getText(), /系统管理员/);
  await sleep(500); // a busy machine paints late: the first screenshot once showed the header still loading
  await shot(browser, "01-empty-zh");
});

test("switches language to English and back", async () => {
  const toggle = await byTestId(browser, "lang-toggle");
  assert.equal((await toggle.getText()).trim(), "EN");
  await toggle.click();
  await waitForText(browser, "Load demo data");
  assert.equal(await browser.getTitle(), "KOS Desk");
  await shot(browser, "02-empty-en");
  await (await byTestId(browser, "lang-toggle")).click();
  await waitForText(browser, "载入演示数据");
  assert.equal(await browser.getTitle(), "KOS 工作台");
});

test("loads demo data and shows the brand", async () => {
  await (await byTestId(browser, "load-demo")).click();
  const current = await byTestId(browser, "current-enterprise", 60_000);
  await browser.waitUntil(async () => (await current.getText()).trim().length > 0, { timeout: 60_000 });
  const brand = (await current.getText()).trim();
  assert.match(brand, /[\u4e00-\u9fa5]/, "a Chinese brand name");
  await byTestId(browser, "monthly-chart", 30_000);
  const notes = await byTestId(browser, "kpi-notes");
  assert.match(await notes.getText(), /笔记总数\s*[\d,]{4,}/, "thousands of demo notes");
  await sleep(1200); // let the chart finish its entry animation before the picture
  await shot(browser, "03-overview");
});

test("issue 15 item 3: offline, the start's update check is a quiet grey 未能检查更新 that says why", async () => {
  // harness.mjs points the check at a closed loopback port: the release server cannot be reached
  const tag = await byTestId(browser, "update-check-failed", 60_000);
  assert.match(await tag.getText(), /未能检查更新/);
  assert.match(await tag.getAttribute("title"), /^检查更新失败：/);
  assert.doesNotMatch(await tag.getAttribute("class"), /warning/);
  assert.equal(await browser.$('[data-testid="update-failed"]').isExisting(), false);
});

test("visits every module", async () => {
  for (const [nav, name, table, text] of [
    ["nav-stores", "04-stores-staff", "staff-table", "企业员工号"],
    ["nav-rules", "05-rule-settings", "rules-table", "B-13"],
    ["nav-history", "06-history", "history-table", "载入演示数据"],
  ]) {
    await (await byTestId(browser, nav)).click();
    const row = await browser.$(`[data-testid="${table}"] .ant-table-row`);
    await row.waitForExist({ timeout: 20_000, timeoutMsg: `${table} shows no rows` });
    await waitForText(browser, text);
    if (nav === "nav-stores") {
      const stores = await browser.$$('[data-testid="stores-table"] .ant-table-row');
      assert.ok(stores.length >= 12, `12+ stores listed, got ${stores.length}`);
    }
    await sleep(600); // menu highlight and toasts settle
    await shot(browser, name);
  }
  await (await byTestId(browser, "nav-overview")).click();
});

test("switches the acting role to a leader", async () => {
  const select = await byTestId(browser, "actor-select");
  await select.click();
  const option = await browser.$("//div[contains(@class,'ant-select-item-option') and contains(., '管理层')]");
  await option.waitForDisplayed({ timeout: 10_000 });
  await shot(browser, "07-actor-picker");
  await option.click();
  const actor = await byTestId(browser, "current-actor");
  await browser.waitUntil(async () => (await actor.getText()).includes("管理层"), {
    timeout: 10_000,
    timeoutMsg: "the acting user did not become a leader",
  });
  await sleep(500);
  await shot(browser, "08-acting-as-leader");
});

test("remembers the language across a reload", async () => {
  await (await byTestId(browser, "lang-toggle")).click();
  await waitForText(browser, "Overview");
  await browser.refresh();
  await waitForText(browser, "Overview");
  assert.equal((await (await byTestId(browser, "lang-toggle")).getText()).trim(), "中文");
  await sleep(500);
  await shot(browser, "09-english-after-reload");
  await (await byTestId(browser, "lang-toggle")).click();
  await waitForText(browser, "概览");
});

async function assertNoHorizontalOverflow(label) {
  const [scroll, client] = await browser.execute(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  assert.ok(scroll <= client, `${label}: page wider than the window (${scroll} > ${client})`);
}

test("the layout holds at 1366×768 and at the 1280 px minimum width", async () => {
  await assertNoHorizontalOverflow("1366×768 overview");
  await (await byTestId(browser, "nav-stores")).click();
  await (await browser.$('[data-testid="staff-table"] .ant-table-row')).waitForExist({ timeout: 20_000 });
  await assertNoHorizontalOverflow("1366×768 stores");
  await browser.setWindowSize(1280, 800);
  await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) <= 1280, { timeout: 5_000 });
  await sleep(500);
  await assertNoHorizontalOverflow("1280×800 stores");
  await shot(browser, "11-stores-1280x800");
  await (await byTestId(browser, "nav-overview")).click();
  await byTestId(browser, "monthly-chart");
  await sleep(800);
  await assertNoHorizontalOverflow("1280×800 overview");
  await shot(browser, "12-overview-1280x800");
});

test("a second launch exits and leaves the first window in charge", async () => {
  const second = spawnTracked(binary, [], { env, stdio: "ignore" });
  const code = await new Promise((resolvePromise) => {
    const timer = setTimeout(() => resolvePromise("still running"), 15_000);
    second.on("exit", (c) => {
      clearTimeout(timer);
      resolvePromise(c);
    });
  });
  assert.equal(code, 0, "the second instance hands over to the first and exits");
  await byTestId(browser, "current-enterprise");
});

/** The holder record of a database's lock file, once it names a process (or null). */
function lockHolder(db) {
  const file = `${db}.lock`;
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

test("N-1, B-20: a command while the window holds its database is refused, naming the window", () => {
  let out = "";
  try {
    execFileSync(binary, ["call", "app_info", "--wait", "1"], { env, encoding: "utf8" });
    assert.fail("the command ran beside the window");
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assert.equal(e.status, 1);
    out = e.stdout;
  }
  const err = JSON.parse(out);
  assert.equal(err.code, "database_in_use");
  assert.match(err.message, /^数据库正被另一个 KOS 工作台进程使用（进程 \d+，窗口，自 [\d:\- ]+ 起）/);
  assert.equal(err.details.holder.kind, "window");
});

test("N-1, B-20: a window on another database starts beside the first", async () => {
  const other = join(home, "other", "kos-desk.db");
  const app = spawnTracked(binary, ["--db", other], { env, stdio: "ignore" });
  let exited = null;
  app.on("exit", (c) => (exited = c));
  // its own lock file names it: the window of the first database did not capture this launch
  let holder = null;
  for (let i = 0; i < 300 && exited === null && holder?.pid !== app.pid; i++) {
    await sleep(100);
    holder = lockHolder(other);
  }
  assert.equal(exited, null, "the window on the other database stays up");
  assert.equal(holder?.pid, app.pid, `the other database is held by the new window: ${JSON.stringify(holder)}`);
  assert.equal(holder.kind, "window");
  await byTestId(browser, "current-enterprise");
  // (ended with everything else in `after`, by id)
});

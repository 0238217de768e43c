// Incentive campaigns (I-1..I-3) in the real window: a campaign created through the headless door
// (`kos-desk call create_campaign`), its board read by a leader, an award voided with a reason (the next in
// line moves up), and the meeting-room full screen with the podium and the top-10 chart.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText, endSession } from "./harness.mjs";
import * as actions from "./actions.mjs";
import { call } from "./actions.mjs";
import { loadDemo } from "./fixtures.mjs";

let browser;
let campaign;

before(async () => {
  const { env } = freshHome();
  const demo = loadDemo(env);
  const users = call(env, "list_users", {}, "1");
  const marketing = users.find((u) => u.role === "brand_marketing" && u.enterprise_id === demo.enterprise_id);
  const today = new Date(Date.now() + 8 * 3600_000); // Beijing date
  const day = (d) => new Date(today.getTime() - d * 86_400_000).toISOString().slice(0, 10);
  campaign = call(
    env,
    "create_campaign",
    { enterprise_id: demo.enterprise_id, name: "十一月全员写笔记激励", start_date: day(45), end_date: day(0), scope: null, rules: null },
    String(marketing.id),
  );
  await startDriver(env);
  browser = await openWindow();
  await byTestId(browser, "current-enterprise", 30_000);
});

after(async () => {
  // by id, even when a test failed: the driver, WebKitWebDriver, the window and anything they started
  await endSession(browser);
});

const actAs = (text) => actions.actAs(browser, text);
const clickTestId = (id) => actions.clickTestId(browser, id);
const typeInto = (id, text) => actions.typeInto(browser, id, text);
const out = mkdtempSync(join(tmpdir(), "kos-awards-"));

/** Waits for a file the app writes (through a native save dialog) and returns its first bytes. */
async function written(path) {
  await browser.waitUntil(async () => existsSync(path), { timeout: 20_000, timeoutMsg: `${path} was not written` });
  await sleep(300);
  return readFileSync(path).subarray(0, 8);
}

const beijingDay = (daysAgo) => new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

test("a leader reads the campaign board with its three awards and the tie rule", async () => {
  await actAs("管理层 · 悦家家政服务");
  await (await byTestId(browser, "nav-campaigns")).click();
  await byTestId(browser, "campaigns-page");
  await (await byTestId(browser, `campaign-board-${campaign.id}`)).click();
  await byTestId(browser, "campaign-board");
  const viral = await byTestId(browser, "board-viral");
  await browser.waitUntil(async () => (await viral.getText()).includes("1,000"), { timeout: 20_000 });
  assert.match(await (await byTestId(browser, "board-ranking")).getText(), /500/);
  await waitForText(browser, "互动");
  await sleep(500);
  await shot(browser, "40-campaign-board");
});

test("voiding an award needs a reason and moves the next in line up", async () => {
  const first = await browser.$('[data-testid^="award-void-ranking-"]');
  await first.waitForClickable({ timeout: 10_000 });
  const key = (await first.getAttribute("data-testid")).replace("award-void-ranking-", "");
  await first.click();
  const reason = await byTestId(browser, "void-reason");
  await reason.waitForClickable({ timeout: 10_000 });
  await reason.click();
  await reason.addValue("互动数据异常，待核实");
  const confirm = await byTestId(browser, "void-confirm");
  await confirm.waitForClickable({ timeout: 10_000 });
  await confirm.click();
  await byTestId(browser, "board-voids");
  await browser.waitUntil(async () => (await (await byTestId(browser, "board-voids")).getText()).includes("互动数据异常"), {
    timeout: 20_000,
  });
  assert.equal(await (await browser.$(`[data-testid="award-void-ranking-${key}"]`)).isExisting(), false, "the voided person left the board");
  await sleep(500);
  await shot(browser, "41-award-voided");
});

test("the meeting-room full screen shows the podium and the top-10 chart", async () => {
  await (await browser.$(".ant-modal-mask")).waitForDisplayed({ reverse: true, timeout: 5_000 }).catch(() => {});
  const open = await byTestId(browser, "board-fullscreen");
  await open.waitForClickable({ timeout: 10_000 });
  await open.click();
  await byTestId(browser, "podium");
  await byTestId(browser, "ranking-chart");
  const order = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid^="podium-place-"]')].map((e) => e.getAttribute("data-testid")),
  );
  assert.deepEqual(order, ["podium-place-2", "podium-place-1", "podium-place-3"], "podium reads 2-1-3");
  await sleep(3500); // chart entry animation and the void toast fading
  await shot(browser, "42-leader-fullscreen");
  await browser.keys(["Escape"]);
  await (await browser.$('[data-testid="podium"]')).waitForExist({ reverse: true, timeout: 5_000 });
});

/** Everything of the leader view inside the window: nothing scrolls or spills out of its column, the footer
 * line is on screen. */
async function assertLeaderFits(label, testId = "board-fullscreen-view") {
  const m = await browser.execute((id) => {
    const v = document.querySelector(`[data-testid="${id}"]`);
    const foot = v?.querySelector(".leader-foot")?.getBoundingClientRect();
    const charts = [...(v?.querySelectorAll(".leader-chart") ?? [])].map((c) => c.getBoundingClientRect().height);
    const cols = [...(v?.querySelectorAll(".leader-col") ?? [])].map((c) => c.scrollHeight - c.clientHeight);
    return { sh: v?.scrollHeight, ch: v?.clientHeight, sw: v?.scrollWidth, cw: v?.clientWidth, foot: foot?.bottom, h: window.innerHeight, charts, cols };
  }, testId);
  assert.ok(m.sh <= m.ch && m.sw <= m.cw, `${label}: the leader view overflows (${JSON.stringify(m)})`);
  assert.ok(m.cols.every((over) => over <= 0), `${label}: a column spills over (${JSON.stringify(m)})`);
  assert.ok(m.foot <= m.h, `${label}: the footer is below the window (${JSON.stringify(m)})`);
  assert.ok(m.charts.length === 2 && m.charts.every((h) => h >= 150), `${label}: charts too small (${JSON.stringify(m)})`);
}

/** Picks the first option of an antd Select in the real window; returns its text. */
async function pickFirst(testId) {
  await (await byTestId(browser, testId)).click();
  // an earlier Select's dropdown stays in the page, hidden once its closing animation ends: wait for this
  // one to be the only open dropdown
  const open = ".ant-select-dropdown:not(.ant-select-dropdown-hidden)";
  await browser.waitUntil(async () => (await browser.$$(open)).length === 1, { timeout: 10_000, timeoutMsg: `${testId} did not open alone` });
  const option = await browser.$(`${open} .ant-select-item-option`);
  await option.waitForClickable({ timeout: 10_000 });
  const text = await option.getAttribute("title");
  await option.click();
  return text;
}

test("领导看板: the leader narrows to a city and a store, then full screen reads at 1366×768 and 1920×1080", async () => {
  await (await byTestId(browser, "nav-leaderBoard")).click();
  const view = await byTestId(browser, "leader-view");
  await byTestId(browser, "trend-chart");
  await byTestId(browser, "ranking-chart");
  assert.match(await (await byTestId(browser, "leader-campaign")).getProperty("textContent"), /十一月全员写笔记激励/);
  assert.match(await view.getProperty("textContent"), /I-3 荣誉奖/);
  await sleep(2000); // chart entry animation
  await assertLeaderFits("1366×768, in the app", "leader-view");
  await shot(browser, "49-leader-board");

  const city = await pickFirst("leader-city");
  await browser.waitUntil(async () => (await (await byTestId(browser, "leader-view")).getProperty("textContent")).includes(`${city} 前三`), {
    timeout: 20_000,
  });
  const store = await pickFirst("leader-store");
  await browser.waitUntil(async () => (await (await byTestId(browser, "leader-narrowed")).getProperty("textContent")).includes(store), {
    timeout: 20_000,
  });
  // every listed person is of that store: the podium names their store
  const stores = await browser.execute(() => [...document.querySelectorAll(".podium-store")].map((e) => e.textContent));
  assert.ok(stores.length > 0 && stores.every((s) => s === store), `podium of ${store}: ${stores}`);
  await sleep(2000);
  await shot(browser, "49a-leader-store");

  await clickTestId("leader-fullscreen");
  await byTestId(browser, "board-fullscreen-view");
  await sleep(2500);
  await assertLeaderFits("1366×768, one store");
  await shot(browser, "49b-leader-fullscreen-store-1366x768");

  await clickTestId("leader-clear");
  await browser.waitUntil(async () => !(await (await browser.$('[data-testid="leader-narrowed"]')).isExisting()), { timeout: 20_000 });
  await browser.setWindowSize(1920, 1080);
  await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) >= 1900, { timeout: 10_000 });
  await sleep(2500);
  await assertLeaderFits("1920×1080, whole campaign");
  await shot(browser, "49c-leader-fullscreen-1920x1080");
  await browser.setWindowSize(1366, 768);
  await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) <= 1366, { timeout: 10_000 });
  await browser.keys(["Escape"]);
  await (await browser.$('[data-testid="board-fullscreen-view"]')).waitForExist({ reverse: true, timeout: 5_000 });
});

test("I-1, I-2, I-3: marketing creates a campaign in the form, counting organic interactions only", async () => {
  await actAs("品牌市场 · 悦家家政服务");
  await browser.keys(["Escape"]); // close the actor list
  await (await byTestId(browser, "nav-campaigns")).click();
  // the board may still be open from the leader's visit: back to the list
  const back = await browser.$("//button[contains(., '返回列表')]");
  if (await back.isExisting()) await back.click();
  await byTestId(browser, "campaigns-page");
  await clickTestId("campaign-new");
  await typeInto("campaign-name", "十二月冲刺·只计自然流量");
  const [start, end] = await browser.$$('.ant-modal .ant-picker-range input');
  await start.click();
  await start.addValue(beijingDay(30));
  await browser.keys(["Enter"]);
  await end.click();
  await end.addValue(beijingDay(0));
  await browser.keys(["Enter"]);
  await clickTestId("campaign-organic-only");
  await sleep(300);
  await shot(browser, "43-campaign-form");
  await clickTestId("campaign-save");
  await browser.waitUntil(async () => (await (await byTestId(browser, "campaigns-page")).getProperty("textContent")).includes("十二月冲刺"), {
    timeout: 20_000,
  });
  await sleep(500);
  await shot(browser, "44-campaign-created");
});

test("颁奖名单: the award sheet is exported to XLSX through the save dialog", async () => {
  await clickTestId(`campaign-board-${campaign.id}`);
  await byTestId(browser, "campaign-board");
  await clickTestId("award-sheet-export");
  const path = join(out, "award-sheet.xlsx"); // ASCII: xdotool types it reliably
  actions.chooseFileInNativeDialog(path, "保存|Save");
  assert.deepEqual([...(await written(path)).subarray(0, 2)], [0x50, 0x4b], "an XLSX (zip) file");
});

test("D-1, S-2: the dashboards — KPI cards and charts, a chart saved as PNG, account health, one employee", async () => {
  await clickTestId("nav-dashboard");
  await byTestId(browser, "dashboard-page");
  await byTestId(browser, "kpi-cards", 30_000);
  await (await browser.$('[data-testid="chart-notes-week"] canvas')).waitForExist({ timeout: 20_000 });
  await sleep(1500); // chart entry animations
  await shot(browser, "45-dashboard-enterprise");
  await browser.execute(() => document.querySelector('[data-testid="chart-by-store"]')?.scrollIntoView());
  await sleep(800);
  await shot(browser, "46-dashboard-charts");
  await clickTestId("chart-export-png-notes-week");
  const png = join(out, "notes-per-week.png");
  actions.chooseFileInNativeDialog(png, "保存|Save");
  assert.deepEqual([...(await written(png))], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG file");
  await browser.execute(() => window.scrollTo(0, 0));
  await clickTestId("dashboard-tab-health");
  await (await browser.$('[data-testid="health-table"] .ant-table-row')).waitForExist({ timeout: 20_000 });
  await sleep(500);
  await shot(browser, "47-account-health");
  await clickTestId("dashboard-tab-employee");
  await clickTestId("employee-picker");
  await browser.keys(["王"]);
  const option = await browser.$(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
  await option.waitForDisplayed({ timeout: 20_000 });
  await option.click();
  await byTestId(browser, "employee-dashboard", 20_000);
  await sleep(1200);
  await shot(browser, "48-employee-view");
});

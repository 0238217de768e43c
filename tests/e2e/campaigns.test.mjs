// Incentive campaigns (I-1..I-3) in the real window: a campaign created through the headless door
// (`kos-desk call create_campaign`), its board read by a leader, an award voided with a reason (the next in
// line moves up), and the meeting-room full screen with the podium and the top-10 chart.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText } from "./harness.mjs";
import * as actions from "./actions.mjs";
import { call } from "./actions.mjs";
import { loadDemo } from "./fixtures.mjs";

let driver;
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
  driver = await startDriver(env);
  browser = await openWindow();
  await byTestId(browser, "current-enterprise", 30_000);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.kill();
});

const actAs = (text) => actions.actAs(browser, text);

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

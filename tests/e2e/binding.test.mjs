// Issue 3 end to end in the real window: the brand invites a new hire through the 4-step wizard with a
// real employment-proof file picked in the native file dialog, the employee accepts in 消息通知, the
// account shows under 已绑定, and an early unbind of the personal authorization is refused (B-18).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText, endSession } from "./harness.mjs";
import * as actions from "./actions.mjs";
import { loadDemo, freeAccount, idNumber, proofPng } from "./fixtures.mjs";

const NAME = "沈晓燕";
const ID = idNumber("310115", "19950315", 24);
let browser;
let xhsId;
let proof;

before(async () => {
  const { home, env } = freshHome();
  loadDemo(env);
  xhsId = freeAccount(env);
  proof = proofPng(home, NAME);
  await startDriver(env);
  browser = await openWindow();
  await byTestId(browser, "current-enterprise", 30_000);
});

after(async () => {
  // by id, even when a test failed: the driver, WebKitWebDriver, the window and anything they started
  await endSession(browser);
});

const actAs = (text) => actions.actAs(browser, text);
const typeInto = (testId, text) => actions.typeInto(browser, testId, text);
const clickTestId = (testId) => actions.clickTestId(browser, testId);
const chooseFileInNativeDialog = (path) => actions.chooseFileInNativeDialog(path, "打开|Open|选择|Select");

test("the brand sees its eligibility and the staff accounts", async () => {
  await actAs("品牌市场 · 悦家家政服务");
  await (await byTestId(browser, "nav-eligibility")).click();
  await byTestId(browser, "eligibility-page");
  await waitForText(browser, "B-1");
  await sleep(400);
  await shot(browser, "20-eligibility");
  await (await byTestId(browser, "nav-bindings")).click();
  await (await browser.$('[data-testid="bindings-table"] .ant-table-row')).waitForExist({ timeout: 20_000 });
  await sleep(400);
  await shot(browser, "21-staff-accounts");
});

test("invites a new hire through the 4-step wizard with a real proof file", async () => {
  await (await byTestId(browser, "bind-staff")).click();
  await (await byTestId(browser, "wizard-mode-personal")).click();
  await typeInto("wizard-xhs", xhsId);
  await (await byTestId(browser, "wizard-search")).click();
  await byTestId(browser, "wizard-lookup");
  await waitForText(browser, "小燕的收纳日常");
  await sleep(300);
  await shot(browser, "22-wizard-lookup");
  await (await byTestId(browser, "wizard-apply")).click();

  await byTestId(browser, "wizard-step-0");
  await (await byTestId(browser, "wizard-store")).click();
  const store = await browser.$(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
  await store.waitForDisplayed({ timeout: 10_000 });
  await store.click();
  await typeInto("wizard-name", NAME);
  await typeInto("wizard-id", ID.slice(0, 17) + (ID[17] === "0" ? "1" : "0"));
  await waitForText(browser, "校验位");
  await shot(browser, "23-wizard-id-check");
  await typeInto("wizard-id", ID);
  await (await byTestId(browser, "wizard-pick-file")).click();
  const consent = await browser.$('[data-testid="proof-consent"]');
  if (await consent.isExisting()) {
    await shot(browser, "24-proof-consent");
    await clickTestId("consent-agree");
  }
  await sleep(800);
  chooseFileInNativeDialog(proof);
  await byTestId(browser, "wizard-repick", 20_000);
  await sleep(800);
  await shot(browser, "25-wizard-identity");

  await (await byTestId(browser, "wizard-next")).click();
  await byTestId(browser, "wizard-step-1");
  await byTestId(browser, "wizard-title-导购");
  await (await browser.$("//label[.//input[@data-testid='wizard-title-导购']]")).click();
  await waitForText(browser, "导购");
  await shot(browser, "26-wizard-job-title");
  await (await byTestId(browser, "wizard-next")).click();
  await byTestId(browser, "wizard-rights");
  await shot(browser, "27-wizard-rights");
  await (await byTestId(browser, "wizard-next")).click();
  await byTestId(browser, "wizard-commitment");
  await (await byTestId(browser, "wizard-agree")).click();
  await shot(browser, "28-wizard-sign");
  await clickTestId("wizard-submit");

  await (await byTestId(browser, "binding-tab-invited")).click();
  await browser.waitUntil(async () => (await (await byTestId(browser, "bindings-table")).getText()).includes(xhsId), {
    timeout: 20_000,
    timeoutMsg: "the invitation is not under 邀请中",
  });
  await sleep(500);
  await shot(browser, "29-invited");
});

test("the employee accepts in 消息通知 after a mismatch is refused", async () => {
  await actAs(`${NAME} · 员工`);
  await (await byTestId(browser, "nav-invitations")).click();
  await byTestId(browser, "invitations-page");
  const accept = await browser.$('[data-testid^="invitation-accept-"]');
  await accept.waitForExist({ timeout: 20_000 });
  await waitForText(browser, "悦家家政服务");
  await sleep(1200); // the countdown ticks
  await shot(browser, "30-invitation");
  await accept.click();
  await typeInto("accept-name", NAME);
  await typeInto("accept-id", idNumber("310115", "19950315", 25));
  await clickTestId("accept-submit");
  await byTestId(browser, "accept-error");
  await waitForText(browser, "B-14");
  await shot(browser, "31-accept-mismatch");
  await typeInto("accept-id", ID);
  await clickTestId("accept-submit");
  await browser.waitUntil(async () => !(await (await browser.$('[data-testid="accept-submit"]')).isDisplayed().catch(() => false)), {
    timeout: 20_000,
  });
  await waitForText(browser, "已绑定");
  await sleep(400);
  await shot(browser, "32-accepted");
});

test("B-18: the account is under 已绑定 and an early unbind is refused with the exact minute it lifts and a countdown", async () => {
  await actAs("品牌市场 · 悦家家政服务");
  await (await byTestId(browser, "nav-bindings")).click();
  await (await byTestId(browser, "binding-tab-active")).click();
  await typeInto("binding-keyword", xhsId);
  await browser.keys("Enter");
  await browser.waitUntil(async () => (await (await byTestId(browser, "bindings-table")).getText()).includes(NAME), {
    timeout: 20_000,
    timeoutMsg: "the new binding is not under 已绑定",
  });
  await sleep(400);
  await shot(browser, "33-bound");
  const unbind = await browser.$('[data-testid^="binding-unbind-"]');
  await unbind.click();
  await typeInto("action-reason", "员工调岗，试解绑");
  await clickTestId("action-confirm");
  await byTestId(browser, "action-error");
  await waitForText(browser, "B-18");
  const text = await (await byTestId(browser, "action-error")).getText();
  assert.match(text, /30 天/);
  // B-18: the exact Beijing minute it lifts and a live countdown to it
  assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2} 起可操作，还需 (29 天 23 小时|30 天)/);
  const until = await (await byTestId(browser, "action-error-until")).getText();
  assert.match(until, /（北京时间）起可操作/);
  assert.match(await (await byTestId(browser, "action-error-until-left")).getText(), /还剩 (29 天 23 小时|30 天)/);
  await sleep(600); // the modal's fade-in
  await shot(browser, "34-unbind-refused-b18");
});

test("the account's history drawer, the cooldown calendar and bulk binding", async () => {
  await browser.keys(["Escape"]); // the refused unbind leaves its modal open with the reason kept
  await (await browser.$('[data-testid="action-confirm"]')).waitForDisplayed({ reverse: true, timeout: 5_000 });
  await (await browser.$('[data-testid^="binding-history-"]')).click();
  const list = await byTestId(browser, "account-history-list");
  await browser.waitUntil(async () => (await list.getText()).includes("接受"), { timeout: 10_000 });
  await sleep(600);
  await shot(browser, "35-account-history");
  await browser.keys(["Escape"]);
  await sleep(400);
  await (await byTestId(browser, "nav-calendar")).click();
  await byTestId(browser, "calendar-page");
  await byTestId(browser, "calendar-upcoming");
  await waitForText(browser, "B-18");
  await sleep(600);
  await shot(browser, "36-calendar");
  await (await byTestId(browser, "nav-bulk")).click();
  await waitForText(browser, "下载模板");
  await sleep(400);
  await shot(browser, "37-bulk-binding");
});

// Issue 12 items 3, 4 (U-2, B-2, B-17, B-18) end to end in the real window, on a database with the demo
// loaded (its stores exist): import a staff roster through the native file dialog, see the change preview,
// apply it, re-import a changed sheet and see the change list, mark a bound staff member 离职 and see the
// rule's next step for each binding, and register a 小红书账号. A screenshot of each step.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText, endSession } from "./harness.mjs";
import * as actions from "./actions.mjs";
import { loadDemo } from "./fixtures.mjs";

const here = new URL(".", import.meta.url).pathname;
let browser;
let first;
let second;

before(async () => {
  const { home, env } = freshHome();
  loadDemo(env);
  // the native dialog is typed into by xdotool: ASCII paths (see actions.chooseFileInNativeDialog)
  first = join(home, "roster-1.xlsx");
  second = join(home, "roster-2.xlsx");
  copyFileSync(join(here, "fixtures/setup/花名册-演示.xlsx"), first);
  copyFileSync(join(here, "fixtures/setup/花名册-演示-变更.xlsx"), second);
  await startDriver(env);
  browser = await openWindow();
  await byTestId(browser, "current-enterprise", 30_000);
});

after(async () => {
  await endSession(browser);
});

const actAs = (text) => actions.actAs(browser, text);
const typeInto = (testId, text) => actions.typeInto(browser, testId, text);
const clickTestId = (testId) => actions.clickTestId(browser, testId);
const choose = (path) => actions.chooseFileInNativeDialog(path, "打开|Open|选择|Select");

async function pickRoster(path) {
  await clickTestId("roster-choose");
  await sleep(800);
  choose(path);
  const name = path.split("/").pop();
  await browser.waitUntil(async () => (await (await byTestId(browser, "roster-file")).getText()) === name, { timeout: 20_000 });
}

test("imports the roster: the preview lists every new person, nothing is written before confirming", async () => {
  await actAs("品牌市场 · 悦家家政服务");
  await (await byTestId(browser, "nav-stores")).click();
  await byTestId(browser, "roster-card");
  await pickRoster(first);
  await clickTestId("roster-preview");
  const summary = await byTestId(browser, "roster-summary");
  await browser.waitUntil(async () => (await summary.getText()).includes("新增 12 人"), { timeout: 20_000 });
  await sleep(400);
  await (await byTestId(browser, "roster-card")).scrollIntoView();
  await shot(browser, "80-roster-preview");
  await clickTestId("roster-apply");
  await clickTestId("roster-confirm");
  const done = await byTestId(browser, "roster-applied", 30_000);
  assert.match(await done.getText(), /新增 12 人/);
  await sleep(400);
  await shot(browser, "81-roster-applied");
});

test("re-imports a changed sheet: a move, a new 岗位, a new phone, a leaver and a new hire, then applies", async () => {
  await pickRoster(second);
  await clickTestId("roster-preview");
  const summary = await byTestId(browser, "roster-summary");
  await browser.waitUntil(async () => (await summary.getText()).includes("变更 3 人"), { timeout: 20_000 });
  assert.match(await summary.getText(), /新增 1 人，变更 3 人，离职 1 人/);
  await waitForText(browser, "培训师");
  await waitForText(browser, "139****1111");
  await sleep(400);
  await (await byTestId(browser, "roster-changes")).scrollIntoView();
  await shot(browser, "82-roster-reimport-changes");
  await clickTestId("roster-apply");
  await clickTestId("roster-confirm");
  const done = await byTestId(browser, "roster-applied", 30_000);
  assert.match(await done.getText(), /新增 1 人，变更 3 人，离职 1 人/);
  // the roster rows show on the staff list with their 工号
  await typeInto("staff-keyword", "D100");
  await browser.keys(["Enter"]);
  await waitForText(browser, "新同事");
  await sleep(400);
  await (await byTestId(browser, "staff-table")).scrollIntoView();
  await shot(browser, "83-staff-with-roster-columns");
});

test("marks a bound staff member 离职: the bindings are listed first, then each gets the rule's next step", async () => {
  // clear the search through the keyboard (typeInto cannot send an empty text)
  const search = await (await byTestId(browser, "staff-keyword")).$("input");
  await search.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace", "Enter"]);
  // the first staff member shown with a binding
  const row = await browser.$('//tr[contains(@class,"ant-table-row") and .//span[contains(., "企业员工号") or contains(., "员工个人号授权")]]');
  await row.waitForExist({ timeout: 20_000 });
  const leave = await row.$('button[data-testid^="staff-leave-"]');
  await leave.scrollIntoView();
  await leave.click();
  const live = await byTestId(browser, "leave-live");
  await browser.waitUntil(async () => (await live.getText()).includes("在用绑定"), { timeout: 20_000 });
  assert.match(await live.getText(), /不会自动解绑/);
  await sleep(400);
  await shot(browser, "84-leave-dialog");
  await typeInto("leave-reason", "合同到期，不再续签");
  await clickTestId("leave-confirm");
  const result = await byTestId(browser, "leave-result", 20_000);
  assert.match(await result.getText(), /已标记离职/);
  // an enterprise staff account offers 移交/冻结; a personal authorization 解绑 or its B-18 date
  assert.match(await result.getText(), /移交|解绑|起可操作/);
  await sleep(400);
  await shot(browser, "85-leave-next-steps");
  await clickTestId("leave-close");
});

test("registers a 小红书账号 with the B-2 facts and sees it listed", async () => {
  await (await byTestId(browser, "nav-accounts")).click();
  await byTestId(browser, "accounts-page");
  await clickTestId("accounts-register");
  await typeInto("register-xhs", "95188880001");
  await typeInto("register-nickname", "新同事的变美日记");
  await typeInto("register-followers", "268");
  await sleep(300);
  await shot(browser, "86-account-register-form");
  await clickTestId("register-ok");
  await waitForText(browser, "95188880001");
  // the form closes and the list shows the account beside the brand's bound ones
  await browser.waitUntil(async () => !(await (await browser.$(".ant-modal-wrap")).isDisplayed()), { timeout: 10_000 });
  await sleep(600);
  await shot(browser, "87-accounts-list");
});

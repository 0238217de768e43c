// Issue 12 (U-1, U-2, U-3, B-1, B-21) in the real window, from an empty database: 创建品牌 beside 载入演示数据,
// an edit of a B-1 fact with a reason (the checklist follows at once), the stores sheet a brand would send
// (tests/e2e/fixtures/setup/门店.xlsx, twelve stores) previewed then imported, and a store-manager user.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText, endSession, root } from "./harness.mjs";
import { chooseFileInNativeDialog, clickTestId, typeInto, waitForModalToClose } from "./actions.mjs";

let browser;
let env;
let home;

before(async () => {
  ({ home, env } = freshHome());
  await startDriver(env);
  browser = await openWindow();
});

after(async () => {
  await endSession(browser);
});

/** Picks an option of an antd Select by typing part of it. */
async function choose(testId, text) {
  await clickTestId(browser, testId);
  await browser.keys([...text]);
  const option = await browser.$(`//div[contains(@class,'ant-select-item-option') and contains(., '${text}')]`);
  await option.waitForDisplayed({ timeout: 10_000 });
  await option.click();
  // the pick shows as a tag in the select (a click lost on a busy machine would otherwise surface later); read
  // the tags' DOM text, as WebKit's driver reads no rendered text inside the select
  const picked = () =>
    browser.execute(
      (id) => [...document.querySelectorAll(`[data-testid="${id}"] .ant-select-selection-item`)].map((e) => e.textContent).join("、"),
      testId,
    );
  try {
    await browser.waitUntil(async () => (await picked()).includes(text), { timeout: 10_000 });
  } catch {
    const file = await shot(browser, `failed-choose-${testId}`);
    throw new Error(`${text} was not picked in ${testId}; it shows "${await picked()}" (screenshot ${file})`);
  }
}

test("U-1: an empty database offers 创建品牌 beside 载入演示数据, and the brand is created with its B-1 facts", async () => {
  await byTestId(browser, "load-demo", 60_000);
  await clickTestId(browser, "create-brand");
  await typeInto(browser, "brand-name", "花漾美业");
  await typeInto(browser, "brand-city", "上海");
  await typeInto(browser, "brand-store-count", "12");
  await clickTestId(browser, "brand-professional");
  await clickTestId(browser, "brand-permission");
  await sleep(400);
  await shot(browser, "70-create-brand");
  await clickTestId(browser, "create-brand-submit");
  await byTestId(browser, "brand-settings-page", 30_000);
  await waitForText(browser, "已创建品牌「花漾美业」");
  await waitForText(browser, "中国大陆线下门店 12 家");
  await sleep(400);
  await shot(browser, "71-brand-created");
});

test("U-1: a B-1 fact is edited with a reason and the eligibility checklist follows at once", async () => {
  await typeInto(browser, "brand-store-count", "11");
  await typeInto(browser, "brand-reason", "核对后申报 11 家线下门店");
  await clickTestId(browser, "brand-save");
  await waitForText(browser, "已保存，企业资质检查已按新信息更新");
  await waitForText(browser, "中国大陆线下门店 11 家");
  await sleep(400);
  await shot(browser, "72-brand-edited");
  // the window holds the database (one process per database): its history page shows the reason
  await clickTestId(browser, "nav-history");
  await waitForText(browser, "核对后申报 11 家线下门店");
});

test("U-2: the stores sheet is previewed row by row (the declared number is exceeded: said plainly) and imported", async () => {
  // the native dialog is typed into: hand it an ASCII path to a copy of the committed sheet
  const sheet = join(home, "stores.xlsx");
  copyFileSync(join(root, "tests/e2e/fixtures/setup/门店.xlsx"), sheet);
  await clickTestId(browser, "nav-stores");
  await clickTestId(browser, "store-import");
  await clickTestId(browser, "store-import-pick");
  chooseFileInNativeDialog(sheet);
  const summary = await byTestId(browser, "store-import-summary", 30_000);
  await browser.waitUntil(async () => (await summary.getText()).includes("新增 12 家"), { timeout: 20_000 });
  assert.match(await summary.getText(), /不能导入 0 行/);
  const cap = await byTestId(browser, "store-import-cap");
  assert.match(await cap.getText(), /营业中的门店 12 家，多于申报的线下门店数 11 家/);
  await sleep(400);
  await shot(browser, "73-stores-preview");
  await clickTestId(browser, "store-import-apply");
  await waitForText(browser, "已导入门店表格：新增 12 家");
  const table = await byTestId(browser, "stores-table");
  await browser.waitUntil(async () => (await table.getText()).includes("南京新街口店"), { timeout: 20_000 });
  assert.match(await (await byTestId(browser, "stores-cap-warning")).getText(), /多于申报的线下门店数 11 家/);
  assert.match(await table.getText(), /138\*\*\*\*0001/);
  await sleep(600);
  await shot(browser, "74-stores-imported");
});

test("U-3: the administrator creates a store-manager user for 静安寺店", async () => {
  await clickTestId(browser, "nav-users");
  await clickTestId(browser, "user-new");
  await typeInto(browser, "user-name", "店长王芳");
  await choose("user-stores", "静安寺店");
  await browser.keys(["Escape"]);
  await typeInto(browser, "user-phone", "13801380002");
  const phone = await byTestId(browser, "user-phone");
  await browser.waitUntil(async () => (await phone.getValue()) === "13801380002", { timeout: 10_000 });
  await sleep(400);
  await shot(browser, "75-user-form");
  await clickTestId(browser, "user-form-submit");
  // the modal closes once the user is saved
  await waitForModalToClose(browser, "user-form-submit", "user-store-manager");
  const table = await byTestId(browser, "users-table");
  await browser.waitUntil(async () => (await table.getText()).includes("店长王芳"), { timeout: 20_000 });
  // 13801380002 is 徐家汇店's 店长手机号 in the sheet: that store is linked too
  await browser.waitUntil(async () => /静安寺店.*徐家汇店|徐家汇店.*静安寺店/.test(await table.getText()), { timeout: 20_000 });
  await sleep(400);
  await shot(browser, "76-user-created");
});

test("U-3: the new store manager's stores page lists their two stores", async () => {
  await clickTestId(browser, "actor-select");
  await browser.keys([..."店长王芳"]);
  const option = await browser.$(`//div[contains(@class,'ant-select-item-option') and contains(., '店长王芳')]`);
  await option.waitForDisplayed({ timeout: 10_000 });
  await option.click();
  await clickTestId(browser, "nav-stores");
  const table = await byTestId(browser, "stores-table");
  await browser.waitUntil(async () => {
    const text = await table.getText();
    return text.includes("静安寺店") && text.includes("徐家汇店") && !text.includes("南京新街口店");
  }, { timeout: 20_000 });
  await sleep(400);
  await shot(browser, "77-store-manager-stores");
});

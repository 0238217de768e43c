// Issue 12's acceptance (U-1, U-2, U-3, B-9, B-14, N-1, I-1, I-2, I-3): a brand starts from an empty database
// and, through the window alone, creates itself, imports its stores and 80 staff from the sheets kept under
// tests/e2e/fixtures/setup/, registers its 小红书 accounts from a sheet, gives its marketing lead a user,
// who binds five of the accounts with 批量绑定; the five employees accept, a platform note export is imported, and a running campaign's board shows the
// five. A screenshot of each step (90–98).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText, endSession, root } from "./harness.mjs";
import * as actions from "./actions.mjs";
import { idNumber, proofPng } from "./fixtures.mjs";

const BRAND = "花漾美业";
// the people of tests/e2e/fixtures/setup/花名册.xlsx, as src-tauri/kos-core/examples/setup_fixtures.rs writes them
const STORES = ["静安寺店", "徐家汇店", "陆家嘴店", "五角场店", "中山公园店", "虹桥店", "莘庄店", "松江店", "杭州西湖店", "杭州滨江店", "苏州园区店", "南京新街口店"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
const GIVEN = ["静", "敏", "丽", "婷", "雪", "芳", "磊", "洋", "晨", "悦", "欣怡", "梓涵", "思远", "雨桐", "佳琪", "子轩"];
const person = (i) => ({
  name: SURNAMES[i % 20] + GIVEN[(i * 7 + Math.floor(i / 20)) % 16],
  store: STORES[i % 12],
});
// 批量绑定.xlsx: accounts 1–5 of 小红书账号.xlsx, each to its owner (person 4·k), ID numbers composed alike
const FIVE = [0, 1, 2, 3, 4].map((k) => ({
  ...person(k * 4),
  xhs: String(9_510_000_000 + k * 104_729),
  id: idNumber("310101", `1992050${k + 1}`, 21 + k),
}));

let browser;
let home;
const files = {};

before(async () => {
  let env;
  ({ home, env } = freshHome());
  // the native dialog is typed into by xdotool: ASCII paths to copies of the committed sheets
  for (const [key, name] of [["stores", "门店.xlsx"], ["roster", "花名册.xlsx"], ["accounts", "小红书账号.xlsx"], ["bulk", "批量绑定.xlsx"]]) {
    files[key] = join(home, `${key}.xlsx`);
    copyFileSync(join(root, "tests/e2e/fixtures/setup", name), files[key]);
  }
  // the five employment proofs the sheet names, each a scanned-looking PNG of its holder
  files.proofs = join(home, "proofs");
  mkdirSync(files.proofs);
  for (const [k, p] of FIVE.entries()) {
    const scratch = mkdtempSync(join(tmpdir(), "kos-proof-"));
    renameSync(proofPng(scratch, p.name), join(files.proofs, `proof-${k + 1}.png`));
  }
  await startDriver(env);
  browser = await openWindow();
});

after(async () => {
  await endSession(browser);
});

const clickTestId = (id) => actions.clickTestId(browser, id);
const typeInto = (id, text) => actions.typeInto(browser, id, text);
const pick = (path) => actions.chooseFileInNativeDialog(path);

test("U-1: an empty database creates its brand with the B-1 facts", async () => {
  await byTestId(browser, "load-demo", 60_000);
  await clickTestId("create-brand");
  await typeInto("brand-name", BRAND);
  await typeInto("brand-city", "上海");
  await typeInto("brand-store-count", "12");
  await clickTestId("brand-professional");
  await clickTestId("brand-permission");
  await sleep(400);
  await shot(browser, "89-nothing-brand-form");
  await clickTestId("create-brand-submit");
  await byTestId(browser, "brand-settings-page", 30_000);
  await waitForText(browser, `已创建品牌「${BRAND}」`);
  await sleep(400);
  await shot(browser, "90-nothing-brand");
});

test("U-2: the brand's twelve stores come from its stores sheet", async () => {
  await clickTestId("nav-stores");
  await clickTestId("store-import");
  await clickTestId("store-import-pick");
  pick(files.stores);
  const summary = await byTestId(browser, "store-import-summary", 30_000);
  await browser.waitUntil(async () => (await summary.getText()).includes("新增 12 家"), { timeout: 20_000 });
  await clickTestId("store-import-apply");
  await waitForText(browser, "已导入门店表格：新增 12 家");
  const table = await byTestId(browser, "stores-table");
  await browser.waitUntil(async () => (await table.getText()).includes("南京新街口店"), { timeout: 20_000 });
  await sleep(500);
  await shot(browser, "91-nothing-stores");
});

test("U-2: 80 staff come from the HR roster, previewed then applied", async () => {
  await byTestId(browser, "roster-card");
  await clickTestId("roster-choose");
  await sleep(800);
  pick(files.roster);
  await browser.waitUntil(async () => (await (await byTestId(browser, "roster-file")).getText()) === "roster.xlsx", { timeout: 20_000 });
  await clickTestId("roster-preview");
  const summary = await byTestId(browser, "roster-summary", 30_000);
  await browser.waitUntil(async () => (await summary.getText()).includes("新增 80 人"), { timeout: 30_000 });
  await clickTestId("roster-apply");
  await clickTestId("roster-confirm");
  const done = await byTestId(browser, "roster-applied", 60_000);
  assert.match(await done.getText(), /新增 80 人/);
  // the confirmation fades out after the import
  await browser.waitUntil(async () => !(await (await browser.$('[data-testid="roster-confirm"]')).isDisplayed().catch(() => false)), {
    timeout: 20_000,
  });
  await (await byTestId(browser, "roster-card")).scrollIntoView();
  await sleep(500);
  await shot(browser, "92-nothing-roster");
});

test("U-2: the staff's 小红书 accounts come from a sheet, with their B-2 facts", async () => {
  await clickTestId("nav-accounts");
  await byTestId(browser, "accounts-page");
  await clickTestId("accounts-import");
  await sleep(800);
  pick(files.accounts);
  const report = await byTestId(browser, "accounts-report", 30_000);
  await browser.waitUntil(async () => /20/.test(await report.getText()), { timeout: 20_000 });
  const table = await byTestId(browser, "accounts-table");
  await browser.waitUntil(async () => (await table.getText()).includes(FIVE[0].xhs), { timeout: 20_000 });
  await sleep(500);
  await shot(browser, "93-nothing-accounts");
});

/** Picks an option of an antd Select by typing part of it. */
async function choose(testId, text) {
  await clickTestId(testId);
  await browser.keys([...text]);
  const option = await browser.$(`//div[contains(@class,'ant-select-item-option') and contains(., '${text}')]`);
  await option.waitForDisplayed({ timeout: 10_000 });
  await option.click();
}

const MARKETING = "林晓";

test("U-3: the administrator gives the brand's marketing lead a user of their own", async () => {
  await clickTestId("nav-users");
  await clickTestId("user-new");
  await typeInto("user-name", MARKETING);
  await choose("user-role", "品牌市场");
  await sleep(300);
  await clickTestId("user-form-submit");
  await actions.waitForModalToClose(browser, "user-form-submit", "user-form");
  const table = await byTestId(browser, "users-table");
  await browser.waitUntil(async () => (await table.getText()).includes(MARKETING), { timeout: 20_000 });
  await actions.actAs(browser, `${MARKETING} · 品牌市场`);
});

test("B-9, B-16: 批量绑定 invites five of them with their employment proofs", async () => {
  await clickTestId("nav-bulk");
  await byTestId(browser, "bulk-page");
  await clickTestId("bulk-choose-xlsx");
  await sleep(800);
  pick(files.bulk);
  await browser.waitUntil(async () => (await (await byTestId(browser, "bulk-xlsx-path")).getText()).includes("bulk.xlsx"), { timeout: 20_000 });
  await clickTestId("bulk-choose-proofs");
  await sleep(800);
  pick(files.proofs);
  await browser.waitUntil(async () => (await (await byTestId(browser, "bulk-proofs-path")).getText()).includes("proofs"), { timeout: 20_000 });
  await clickTestId("bulk-validate");
  const summary = await byTestId(browser, "bulk-summary", 60_000);
  await browser.waitUntil(async () => /5/.test(await summary.getText()), { timeout: 30_000 });
  const valid = await byTestId(browser, "bulk-filter-valid");
  assert.match(await valid.getText(), /5/, await summary.getText());
  await sleep(400);
  await shot(browser, "94-nothing-bulk-checked");
  await clickTestId("bulk-send");
  await clickTestId("bulk-confirm");
  const result = await byTestId(browser, "bulk-result", 60_000);
  await browser.waitUntil(async () => /5/.test(await result.getText()), { timeout: 30_000 });
  await result.scrollIntoView();
  await sleep(1200); // the result's icon draws itself in
  await shot(browser, "95-nothing-invited");
});

test("B-13, B-14: each of the five accepts in 消息通知 with name and ID number", async () => {
  for (const p of FIVE) {
    await actions.actAs(browser, `${p.name} · 员工`);
    await clickTestId("nav-invitations");
    await byTestId(browser, "invitations-page");
    const accept = await browser.$('[data-testid^="invitation-accept-"]');
    await accept.waitForExist({ timeout: 20_000 });
    await accept.waitForClickable({ timeout: 30_000 });
    await accept.click();
    await typeInto("accept-name", p.name);
    await typeInto("accept-id", p.id);
    await clickTestId("accept-submit");
    await browser.waitUntil(async () => !(await (await browser.$('[data-testid="accept-submit"]')).isDisplayed().catch(() => false)), {
      timeout: 30_000,
      timeoutMsg: `${p.name}'s acceptance did not close`,
    });
    await waitForText(browser, "已绑定");
  }
  await sleep(400);
  await shot(browser, "96-nothing-accepted");
});

/** A 数据中心 export of notes the five published just now (after their bindings took effect). */
function noteExport() {
  // Beijing wall time, to the second, one second ago
  const at = new Date(Date.now() + 8 * 3600_000 - 1000).toISOString().slice(0, 19).replace("T", " ");
  const lines = ["笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,点赞,收藏,评论,分享,涨粉,阅读UV,平均浏览时长,视频5s播放率,图文3s阅读率"];
  FIVE.forEach((p, k) => {
    for (let j = 0; j < 3; j++) {
      const n = k * 3 + j;
      const id = (0x6853a00000n + BigInt(n)).toString(16).padStart(24, "0");
      const video = j === 0;
      lines.push(
        [id, `${p.store} 护理实录 第${j + 1}篇`, video ? "视频笔记" : "图文笔记", at, p.xhs, 4000 + n * 977, 1500 + n * 311,
          60 + k * 40 + j * 7, 20 + k * 9, 8 + j, 2, 1, 1200 + n * 50, "31.5", video ? "42%" : "", video ? "" : "55%"].join(","),
      );
    }
  });
  const file = join(home, "note-export.csv");
  writeFileSync(file, "\ufeff" + lines.join("\r\n") + "\r\n");
  return file;
}

test("N-1: the platform's note export is imported: the five's notes are queued", async () => {
  await actions.actAs(browser, `${MARKETING} · 品牌市场`);
  await sleep(3000); // the notes are published after the last acceptance took effect
  const csv = noteExport();
  await clickTestId("nav-notes");
  await byTestId(browser, "notes-page");
  await clickTestId("notes-import-button");
  await byTestId(browser, "import-drawer");
  await clickTestId("import-choose-file");
  actions.chooseFileInNativeDialog(csv, "打开|Open|选择|Select");
  await byTestId(browser, "import-preview", 30_000);
  await clickTestId("import-start");
  await byTestId(browser, "import-summary", 60_000);
  await browser.waitUntil(async () => (await (await byTestId(browser, "stat-inserted")).getText()).includes("15"), {
    timeout: 60_000,
    timeoutMsg: "15 notes were not inserted",
  });
  assert.match(await (await byTestId(browser, "stat-aside")).getText(), /0/);
  await sleep(400);
  await shot(browser, "97-nothing-notes");
  await browser.keys(["Escape"]);
});

test("I-1, I-2, I-3: a campaign running today shows the five on its board", async () => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 8 * 3600_000 + 13 * 86_400_000).toISOString().slice(0, 10);
  await clickTestId("nav-campaigns");
  await byTestId(browser, "campaigns-page");
  await clickTestId("campaign-new");
  await typeInto("campaign-name", "开业季全员写笔记");
  // the range picker: type the start, Enter moves to the end, type it, Enter
  const period = await byTestId(browser, "campaign-period");
  const from = (await period.getTagName()).toLowerCase() === "input" ? period : await period.$("input");
  await from.waitForClickable({ timeout: 30_000 });
  await from.click();
  await browser.keys([...today, "Enter"]);
  await browser.keys([...end, "Enter"]);
  await sleep(400);
  await clickTestId("campaign-save");
  const row = await browser.$('[data-testid^="campaign-board-"]');
  await row.waitForExist({ timeout: 30_000 });
  await row.waitForClickable({ timeout: 30_000 });
  await row.click();
  const board = await byTestId(browser, "campaign-board", 30_000);
  await browser.waitUntil(async () => {
    const text = await board.getText();
    return FIVE.every((p) => text.includes(p.name));
  }, { timeout: 30_000, timeoutMsg: "the board does not show the five" });
  await sleep(800);
  await shot(browser, "98-nothing-board");
});

// Issue 4 end to end in the real window: marketing imports a platform note export picked in the native file
// dialog (a row report with a bad row and a note kept aside), filters 待审核笔记 by a 2-character keyword,
// requests review of selected notes (the quota meter moves), the platform reviewer approves one with the N-2
// checklist and a reason, and marketing sends it to 聚光; screenshots of each screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText, endSession } from "./harness.mjs";
import * as actions from "./actions.mjs";
import { loadDemo, boundAccounts, noteExportCsv } from "./fixtures.mjs";

let browser;
let csv;

before(async () => {
  const { env } = freshHome();
  loadDemo(env);
  csv = noteExportCsv(mkdtempSync(join(tmpdir(), "kos-notes-")), boundAccounts(env));
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

async function rows(tableTestId) {
  return browser.$$(`[data-testid="${tableTestId}"] .ant-table-row`);
}

test("N-1: marketing imports a platform export and reads the row report", async () => {
  await actAs("品牌市场 · 悦家家政服务");
  await clickTestId("nav-notes");
  await byTestId(browser, "notes-page");
  await byTestId(browser, "quota-meter");
  await clickTestId("notes-import-button");
  await byTestId(browser, "import-drawer");
  await clickTestId("import-choose-file");
  actions.chooseFileInNativeDialog(csv, "打开|Open|选择|Select");
  const preview = await byTestId(browser, "import-preview", 30_000);
  await browser.waitUntil(async () => (await preview.getText()).includes("笔记标题"), { timeout: 20_000 });
  assert.match(await (await byTestId(browser, "import-rows")).getText(), /26/);
  await sleep(500);
  await shot(browser, "50-import-preview");
  await clickTestId("import-start");
  const summary = await byTestId(browser, "import-summary", 60_000);
  await browser.waitUntil(async () => (await (await byTestId(browser, "stat-inserted")).getText()).includes("24"), {
    timeout: 30_000,
  });
  assert.match(await (await byTestId(browser, "stat-rejected")).getText(), /1/);
  assert.match(await (await byTestId(browser, "stat-aside")).getText(), /1/);
  assert.match(await summary.getText(), /发布时间/);
  await sleep(500);
  await shot(browser, "51-import-report");
  await clickTestId("import-show-notes");
});

test("N-3, N-4, N-5: filter by a 2-character keyword, sort, and request review of selected notes", async () => {
  await typeInto("filter-keyword", "鑫淼");
  await clickTestId("notes-search");
  await browser.waitUntil(async () => (await rows("notes-table")).length === 10, { timeout: 20_000 }); // 10 条/页
  const pager = await byTestId(browser, "notes-table-pager");
  assert.match(await pager.getText(), /共 24 条/);
  for (const row of await rows("notes-table")) assert.match(await row.getProperty("textContent"), /鑫淼/);
  // one-click sort by 曝光量, largest first
  const header = await browser.$(`//div[@data-testid="notes-table"]//th[contains(., '曝光量')]`);
  await header.click();
  await sleep(800);
  const exposures = [];
  for (const row of await rows("notes-table")) {
    const cells = await row.$$("td");
    exposures.push(Number((await cells[3].getText()).replace(/,/g, "")));
  }
  assert.deepEqual([...exposures].sort((a, b) => b - a), exposures, `sorted by 曝光量: ${exposures}`);
  await shot(browser, "52-queue-filtered-sorted");
  const quotaBefore = await (await byTestId(browser, "quota-meter")).getText();
  assert.match(quotaBefore, /本月剩余可发起审核申请笔记额度/);
  const boxes = await browser.$$(`[data-testid="notes-table"] .ant-table-row .ant-checkbox-input`);
  for (const box of boxes.slice(0, 3)) await box.click();
  await clickTestId("notes-request-button");
  const result = await byTestId(browser, "request-result", 20_000);
  await browser.waitUntil(async () => (await result.getText()).includes("3"), { timeout: 10_000 });
  await sleep(500);
  await shot(browser, "53-request-result");
  await clickTestId("request-result-close");
  await browser.waitUntil(async () => (await (await byTestId(browser, "quota-meter")).getText()) !== quotaBefore, {
    timeout: 10_000,
  });
});

test("N-6: the platform reviewer approves a request with the N-2 checklist and a reason", async () => {
  await actAs("平台审核");
  await clickTestId("nav-noteReview");
  await byTestId(browser, "review-page");
  const queue = await byTestId(browser, "review-queue", 20_000);
  await browser.waitUntil(async () => (await queue.getProperty("textContent")).includes("鑫淼"), { timeout: 20_000 });
  const first = await browser.$(`[data-testid^="review-item-"]`);
  await first.click();
  await byTestId(browser, "review-panel");
  const approve = await byTestId(browser, "review-approve");
  assert.equal(await approve.isEnabled(), false, "通过 waits for the checklist");
  for (const key of ["community", "brand_related", "recent"]) {
    const box = await byTestId(browser, `checklist-${key}`);
    const input = (await box.getTagName()).toLowerCase() === "input" ? box : await box.$("input");
    await input.click();
  }
  await typeInto("review-reason", "内容真实，与品牌服务直接相关");
  await sleep(400);
  await shot(browser, "54-reviewer-console");
  const totalBefore = await (await byTestId(browser, "review-queue-total")).getText();
  await clickTestId("review-approve");
  // the decided request leaves the queue
  await browser.waitUntil(async () => (await (await byTestId(browser, "review-queue-total")).getText()) !== totalBefore, {
    timeout: 20_000,
  });
});

test("N-6, N-7: marketing sees the approval, sends the note to 聚光, and opens its details", async () => {
  await actAs("品牌市场 · 悦家家政服务");
  await clickTestId("nav-requested");
  await byTestId(browser, "requested-page");
  await clickTestId("requested-tab-approved");
  await browser.waitUntil(async () => (await rows("requested-table")).length === 1, { timeout: 20_000 });
  await sleep(500);
  await shot(browser, "55-requested-approved");
  await clickTestId("row-juguang");
  await byTestId(browser, "tag-on-juguang", 20_000);
  await clickTestId("nav-juguang");
  await byTestId(browser, "juguang-page");
  await browser.waitUntil(async () => (await rows("juguang-table")).length === 1, { timeout: 20_000 });
  assert.match(await (await byTestId(browser, "juguang-table")).getProperty("textContent"), /鑫淼/);
  await sleep(400);
  await shot(browser, "56-juguang-list");
  await clickTestId("nav-dataCenter");
  await byTestId(browser, "data-center-page");
  await browser.waitUntil(async () => (await rows("data-center-table")).length === 1, { timeout: 20_000 });
  // N-8: the approved note with its title and the rate as the deck shows it (22.14 %, not 0.2214)
  const center = await byTestId(browser, "data-center-table");
  await browser.waitUntil(async () => /鑫淼/.test(await center.getProperty("textContent")), { timeout: 20_000 });
  assert.match(await center.getProperty("textContent"), /\d+\.\d{2}%/);
  await sleep(600); // the table's fade-in after loading
  await shot(browser, "57-data-center");
  await clickTestId("row-view-data");
  const detail = await byTestId(browser, "note-detail", 20_000);
  await browser.waitUntil(async () => (await detail.getText()).includes("曝光量"), { timeout: 20_000 });
  await waitForText(browser, "内容真实，与品牌服务直接相关");
  await sleep(800);
  await shot(browser, "58-note-detail");
});

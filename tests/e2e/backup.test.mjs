// 密钥与备份 (B-10, B-20) in the real window: where the key is kept, 立即备份 through the native save dialog
// with the passphrase twice, and 从备份恢复 up to the confirmation that says what would be replaced; the
// backup then restores from the command line into another folder with the same data.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText, binary, endSession } from "./harness.mjs";
import { call, chooseFileInNativeDialog, clickTestId, typeInto } from "./actions.mjs";

const PASS = "e2e-backup-passphrase";
let browser;
let env;
let home;
let backupFile;
/** the window's database as the demo left it, read before the window holds it (one process per database) */
let before_counts;
let before_db_id;

before(async () => {
  ({ home, env } = freshHome());
  execFileSync(binary, ["demo"], { env, encoding: "utf8" });
  const info = call(env, "app_info", {}, "1");
  before_counts = info.counts;
  before_db_id = info.key.database_id;
  backupFile = join(home, "kos-e2e.kosbackup");
  await startDriver(env);
  browser = await openWindow();
});

after(async () => {
  // by id, even when a test failed: the driver, WebKitWebDriver, the window and anything they started
  await endSession(browser);
});

test("B-10: the settings page says where the key is kept (the key file, no key store here)", async () => {
  await clickTestId(browser, "nav-rules");
  const where = await byTestId(browser, "key-location");
  await browser.waitUntil(async () => (await where.getText()).startsWith("密钥文件 "), { timeout: 20_000 });
  assert.ok((await where.getText()).includes(env.KOS_DESK_KEY_FILE));
  await (await byTestId(browser, "backup-card")).scrollIntoView();
  await sleep(500);
  await shot(browser, "60-key-and-backup");
});

test("B-20: 立即备份 writes one file after the passphrase is typed twice", async () => {
  await clickTestId(browser, "backup-now");
  chooseFileInNativeDialog(backupFile);
  await typeInto(browser, "backup-passphrase", PASS);
  await typeInto(browser, "backup-passphrase-again", PASS);
  await clickTestId(browser, "backup-start");
  const result = await byTestId(browser, "backup-result", 60_000);
  const text = await result.getText();
  assert.match(text, /\d+(\.\d)? (KB|MB)/, text);
  assert.match(text, /名员工/, text);
  assert.ok(existsSync(backupFile) && statSync(backupFile).size > 0);
  await sleep(400);
  await shot(browser, "61-backup-done");
  await (await browser.$("//button[contains(., '确定') or contains(., '确 定')]")).click();
});

test("B-20: 从备份恢复 first shows what the backup holds and what would be replaced", async () => {
  await clickTestId(browser, "backup-restore");
  chooseFileInNativeDialog(backupFile);
  // the modal fades in: its text reads empty until it is shown
  const holds = await byTestId(browser, "restore-backup-counts", 30_000);
  await browser.waitUntil(async () => /个品牌/.test(await holds.getText()), { timeout: 20_000 });
  const current = await byTestId(browser, "restore-current");
  await browser.waitUntil(async () => /kos-desk\.db/.test(await current.getText()), { timeout: 20_000 });
  await waitForText(browser, "replaced-日期");
  await sleep(400);
  await shot(browser, "62-restore-confirm");
  // closed without restoring (Esc; the closed backup dialog's own 取消 button is still in the page, hidden)
  await browser.keys("Escape");
  await browser.waitUntil(async () => !(await (await browser.$('[data-testid="restore-confirm"]')).isDisplayed()), {
    timeout: 20_000,
  });
});

test("B-20: the backup restores into another folder with the same data", () => {
  const target = join(home, "machine-b", "kos-desk.db");
  const out = execFileSync(binary, ["restore", backupFile, "--db", target], { env, input: `${PASS}\n`, encoding: "utf8" });
  assert.equal(JSON.parse(out).key.kind, "file");
  const b = JSON.parse(execFileSync(binary, ["call", "app_info", "{}", "--db", target, "--as", "1"], { env, encoding: "utf8" }));
  assert.deepEqual(b.counts, before_counts);
  assert.equal(b.key.database_id, before_db_id);
});

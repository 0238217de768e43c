// 密钥与备份 (B-10, B-20) in the real window: where the key is kept, 立即备份 through the native save dialog
// with the passphrase twice, and 从备份恢复 up to the confirmation that says what would be replaced; the
// backup then restores from the command line into another folder with the same data; last, another brand's
// backup is restored in the window, which starts again on it, the replaced database kept whole aside.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText, binary, endSession, keyStore } from "./harness.mjs";
import { call, chooseFileInNativeDialog, clickTestId, typeInto } from "./actions.mjs";

const PASS = "e2e-backup-passphrase";
let browser;
let env;
let home;
let backupFile;
/** the window's database as the demo left it, read before the window holds it (one process per database) */
let before_counts;
let before_db_id;
/** the window's database file */
let windowDb;

before(async () => {
  ({ home, env } = freshHome());
  execFileSync(binary, ["demo"], { env, encoding: "utf8" });
  const info = call(env, "app_info", {}, "1");
  before_counts = info.counts;
  before_db_id = info.key.database_id;
  windowDb = info.db_path;
  backupFile = join(home, "kos-e2e.kosbackup");
  await startDriver(env);
  browser = await openWindow();
});

after(async () => {
  // by id, even when a test failed: the driver, WebKitWebDriver, the window and anything they started
  await endSession(browser);
});

test("B-10: the settings page says where the key is kept (the OS key store; the key file where there is none)", async () => {
  await clickTestId(browser, "nav-rules");
  const where = await byTestId(browser, "key-location");
  const expected = keyStore === "os_store" ? "系统密钥库（Secret Service）" : `密钥文件 ${env.KOS_DESK_KEY_FILE}`;
  await browser.waitUntil(async () => (await where.getText()) === expected, {
    timeout: 20_000,
    timeoutMsg: `key location: expected ${expected}, saw ${await where.getText()}`,
  });
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
  assert.equal(JSON.parse(out).key.kind, keyStore);
  const b = JSON.parse(execFileSync(binary, ["call", "app_info", "{}", "--db", target, "--as", "1"], { env, encoding: "utf8" }));
  assert.deepEqual(b.counts, before_counts);
  assert.equal(b.key.database_id, before_db_id);
});

/** The holder named in a database's lock file (`<db>.lock`: pid, kind, since), if it can be read. */
function holderOf(db) {
  try {
    return JSON.parse(readFileSync(`${db}.lock`, "utf8"));
  } catch {
    return undefined;
  }
}

const appInfo = (db) =>
  JSON.parse(execFileSync(binary, ["call", "app_info", "{}", "--db", db, "--as", "1"], { env, encoding: "utf8" }));

test("B-20: 确认恢复 in the window puts another brand's backup in place and the window starts again on it", async () => {
  // another installation's database and its backup, made on the command line
  const other = join(home, "other", "kos-desk.db");
  execFileSync(binary, ["demo", "--db", other, "--seed", "7"], { env, encoding: "utf8" });
  const otherId = appInfo(other).key.database_id;
  assert.notEqual(otherId, before_db_id);
  const otherBackup = join(home, "other.kosbackup");
  execFileSync(binary, ["backup", otherBackup, "--db", other], { env, input: `${PASS}\n`, encoding: "utf8" });

  const first = holderOf(windowDb);
  assert.equal(first?.kind, "window", JSON.stringify(first));
  await clickTestId(browser, "backup-restore");
  chooseFileInNativeDialog(otherBackup);
  const confirm = await byTestId(browser, "restore-confirm", 30_000);
  await confirm.waitForClickable({ timeout: 20_000 });
  // the restore dialog's own passphrase field (the closed backup dialog keeps one of the same test id)
  const pass = await browser.$(
    "//div[contains(@class,'ant-modal')][.//*[@data-testid='restore-confirm']]//input[@type='password']",
  );
  await pass.waitForClickable({ timeout: 10_000 });
  await pass.click();
  await pass.addValue(PASS);
  await sleep(300);
  await shot(browser, "63-restore-passphrase");
  await confirm.click();

  // the window closes its database, the backup takes its place, and a new window process opens it
  const deadline = Date.now() + 90_000;
  let now = first;
  while (Date.now() < deadline) {
    now = holderOf(windowDb);
    if (now && now.kind === "window" && now.pid !== first.pid) break;
    await sleep(250);
  }
  assert.ok(now && now.kind === "window" && now.pid !== first.pid, `no new window took the database: ${JSON.stringify(now)}`);
  const dataDir = dirname(windowDb);
  const aside = readdirSync(dataDir).filter((n) => n.startsWith("replaced-"));
  assert.equal(aside.length, 1, `one replaced-… folder: ${aside}`);

  // the restarted window is not driven by this session: end every process, then read the files
  await endSession(browser);
  browser = undefined;
  const restored = appInfo(windowDb);
  assert.equal(restored.key.database_id, otherId);
  const kept = appInfo(join(dataDir, aside[0], "kos-desk.db"));
  assert.equal(kept.key.database_id, before_db_id);
  assert.deepEqual(kept.counts, before_counts);

  // and the window opens on the restored database
  await startDriver(env);
  browser = await openWindow();
  await waitForText(browser, "企业员工号", 60_000);
  await sleep(800);
  await shot(browser, "64-restored-window");
});

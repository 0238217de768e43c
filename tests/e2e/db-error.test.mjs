// A database file that is not SQLite gives a native dialog with the reason and the path, not a crash
// and not a blank window.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, binary, screenshots, spawnTracked, endProcesses } from "./harness.mjs";

test("a non-SQLite database shows the error dialog", async () => {
  const { home, env } = freshHome();
  const bad = join(home, "客户名单.db");
  writeFileSync(bad, "姓名,电话\n".repeat(500));
  let stderr = "";
  const app = spawnTracked(binary, ["--db", bad], { env, stdio: ["ignore", "ignore", "pipe"] });
  app.stderr.on("data", (d) => (stderr += d));
  let exited = null;
  app.on("exit", (c) => (exited = c));
  await sleep(4000);
  try {
    assert.equal(exited, null, `the app stays up showing the dialog (exited ${exited}): ${stderr}`);
    assert.match(stderr, /不是 SQLite 数据库/);
    assert.ok(stderr.includes(bad), "the message names the path");
    const file = join(screenshots, "10-db-error-dialog.png");
    execFileSync("/usr/bin/import", ["-window", "root", file]);
    assert.ok(existsSync(file));
  } finally {
    await endProcesses();
  }
});

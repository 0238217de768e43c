// Test data for the binding walk-through: demo data loaded through the CLI door, an employment proof as a
// real PNG file, and a valid GB 11643 ID number for a new staff member.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { binary } from "./harness.mjs";

/** Loads the demo brand into the app-data database of `env` through `kos-desk demo`. */
export function loadDemo(env) {
  const out = execFileSync(binary, ["demo"], { env, encoding: "utf8" });
  return JSON.parse(out);
}

/** The database file the window will open for `env` (the app-data default). */
export function dbPath(env) {
  return join(env.XDG_DATA_HOME, "com.kosdesk.desk", "kos-desk.db");
}

/**
 * An account of the demo that was never bound, has no shop, a bound phone (B-2) and no real-name record
 * yet: a new hire's fresh Xiaohongshu account, the one the walk-through binds. Read with Python's sqlite3, test set-up only.
 */
export function freeAccount(env) {
  const sql = `SELECT xhs_id FROM xhs_accounts a
    WHERE has_shop = 0 AND phone_bound = 1 AND real_name_hmac IS NULL AND NOT EXISTS (SELECT 1 FROM bindings b WHERE b.account_id = a.id)
    ORDER BY id LIMIT 1`;
  const py = `import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchone(); print(r[0] if r else "")`;
  const id = execFileSync("python3", ["-c", py, dbPath(env), sql], { encoding: "utf8" }).trim();
  if (!id) throw new Error("the demo data has no free account to bind");
  return id;
}

/** A valid 18-character ID number (GB 11643-1999, ISO 7064 MOD 11-2). */
export function idNumber(region, birth, seq) {
  const first17 = `${region}${birth}${String(seq).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

/** A scanned-looking 在职证明 as PNG, drawn with ImageMagick. */
export function proofPng(dir, name) {
  const file = join(dir, "在职证明.png");
  const font = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
  execFileSync("/usr/bin/convert", [
    "-size", "620x820", "xc:#fbfaf6", "-font", font, "-fill", "#222",
    "-pointsize", "34", "-gravity", "north", "-annotate", "+0+60", "在 职 证 明",
    "-pointsize", "19", "-gravity", "northwest",
    "-annotate", "+60+160", `兹证明 ${name} 同志自 2024 年 3 月起在我司`,
    "-annotate", "+60+195", "悦家家政服务·陆家嘴店担任导购一职，至今在职。",
    "-annotate", "+60+230", "特此证明。",
    "-annotate", "+330+620", "悦家家政服务有限公司 人事部",
    "-annotate", "+380+655", "2026 年 11 月 20 日",
    "-fill", "none", "-stroke", "#d22", "-strokewidth", "4", "-draw", "circle 470,630 470,560",
    file,
  ]);
  return file;
}

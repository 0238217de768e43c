// Shared E2E plumbing: a fresh app-data folder per run, tauri-driver, a WebDriver session on the real
// binary, and screenshots saved into tests/e2e/screenshots/ (named in the README).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { remote } from "webdriverio";

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../..");
export const screenshots = join(here, "screenshots");
mkdirSync(screenshots, { recursive: true });

export const binary =
  process.env.KOS_DESK_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug", "kos-desk");

/** A fresh XDG data/config home so every run starts with an empty database and no remembered window. The
 * run has no OS key store (no Secret Service under Xvfb), so the key goes to the documented fallback: a key
 * file outside the database's folder (B-10). */
export function freshHome() {
  const home = mkdtempSync(join(tmpdir(), "kos-e2e-"));
  const env = {
    ...process.env,
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
    KOS_DESK_KEY_FILE: join(home, "keys", "kos-desk.keys"),
  };
  delete env.KOS_DESK_DB;
  return { home, env };
}

export async function startDriver(env, port = 4444) {
  const driver = spawn("tauri-driver", ["--port", String(port)], { env, stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 50; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return driver;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  driver.kill();
  throw new Error("tauri-driver did not start on port " + port);
}

export async function openWindow(port = 4444) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "warn",
    connectionRetryTimeout: 60_000,
    capabilities: { "tauri:options": { application: binary } },
  });
  browser.setTimeout({ implicit: 0 });
  return browser;
}

export async function shot(browser, name) {
  const file = join(screenshots, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}

/** Waits until an element with the test id exists and returns it. */
export async function byTestId(browser, id, timeout = 20_000) {
  const el = await browser.$(`[data-testid="${id}"]`);
  await el.waitForExist({ timeout, timeoutMsg: `no [data-testid="${id}"] after ${timeout} ms` });
  return el;
}

export async function waitForText(browser, text, timeout = 20_000) {
  await browser.waitUntil(async () => (await browser.$("body").getText()).includes(text), {
    timeout,
    timeoutMsg: `"${text}" never appeared`,
  });
}

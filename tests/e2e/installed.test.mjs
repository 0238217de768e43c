// Issue 15 item 1: the Linux installer as a user gets it. `.ci/installed` (a step of .ci/test) bundles the
// window binary as a .deb, installs it with dpkg, runs this file with KOS_DESK_INSTALLED naming the installed
// binary (and KOS_DESK_BIN pointing at it), then removes the package. Here: the binary belongs to the package,
// the package carries the desktop entry and icons, the installed program answers headless, and the window it
// opens loads the demo and shows the overview. In the ordinary E2E run (nothing installed) it is skipped.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText, binary, endSession, root } from "./harness.mjs";

const installed = process.env.KOS_DESK_INSTALLED;
const skip = installed ? false : "run by .ci/installed, with KOS_DESK_INSTALLED naming the installed binary";

describe("the installed .deb", { skip }, () => {
  let browser;
  let env;

  before(() => {
    assert.equal(binary, installed, "KOS_DESK_BIN must name the installed binary too");
    ({ env } = freshHome({ shipped: true }));
  });

  after(async () => {
    await endSession(browser);
  });

  test("the binary on PATH is the package's, with its desktop entry and icons", () => {
    const dpkg = (...args) => execFileSync("dpkg-query", args, { encoding: "utf8" }).trim();
    const conf = JSON.parse(readFileSync(join(root, "tauri.conf.json"), "utf8"));
    assert.equal(dpkg("-W", "-f=${Status} ${Version}", "kos-desk"), `install ok installed ${conf.version}`);
    assert.equal(execFileSync("dpkg", ["-S", installed], { encoding: "utf8" }).trim(), `kos-desk: ${installed}`);
    const files = dpkg("-L", "kos-desk").split("\n");
    const desktop = files.find((f) => f.startsWith("/usr/share/applications/") && f.endsWith(".desktop"));
    assert.ok(desktop, `a desktop entry among ${files.join(", ")}`);
    const entry = readFileSync(desktop, "utf8");
    assert.match(entry, /^Exec=kos-desk\b/m);
    assert.match(entry, /^Name=KOS Desk$/m);
    assert.ok(files.some((f) => /^\/usr\/share\/icons\/hicolor\/.+\/kos-desk\.png$/.test(f)), "the app's icons");
    // the installer recommends the CJK font the window's Chinese needs on a bare desktop
    assert.match(dpkg("-W", "-f=${Recommends}", "kos-desk"), /fonts-noto-cjk/);
  });

  test("the installed program answers headless", () => {
    const list = execFileSync(installed, ["call", "--list"], { env, encoding: "utf8" });
    assert.match(list, /load_demo/);
  });

  test("the installed window loads the demo and shows the overview", async () => {
    await startDriver(env);
    browser = await openWindow();
    await waitForText(browser, "KOS 工作台", 60_000);
    await (await byTestId(browser, "load-demo", 60_000)).click();
    const current = await byTestId(browser, "current-enterprise", 60_000);
    await browser.waitUntil(async () => (await current.getText()).trim().length > 0, { timeout: 60_000 });
    await byTestId(browser, "monthly-chart", 30_000);
    const notes = await byTestId(browser, "kpi-notes");
    assert.match(await notes.getText(), /笔记总数\s*[\d,]{4,}/, "thousands of demo notes");
    await sleep(1200); // the chart's entry animation
    await shot(browser, "99-installed-overview");
  });
});

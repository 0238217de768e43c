// What a person does in the window, shared by the E2E tests: pick who acts, type, click, answer the native
// file dialog, and call the headless door for set-up.
import { execFileSync } from "node:child_process";
import { binary, byTestId, shot } from "./harness.mjs";

/** Runs `kos-desk call <command>` as a user (test set-up through the headless door). */
export function call(env, command, args, as) {
  return JSON.parse(execFileSync(binary, ["call", command, JSON.stringify(args), "--as", as], { env, encoding: "utf8" }));
}

/** Picks the acting user in the header ("品牌市场 · 悦家家政服务"). */
export async function actAs(browser, text) {
  await (await byTestId(browser, "actor-select")).click();
  await browser.keys([...text.split(" · ")[0]]); // the list is long and virtual: search narrows it
  const option = await browser.$(`//div[contains(@class,'ant-select-item-option') and contains(., '${text}')]`);
  await option.waitForDisplayed({ timeout: 10_000 });
  await option.click();
  const actor = await byTestId(browser, "current-actor");
  await browser.waitUntil(async () => (await actor.getText()).includes(text.split(" · ")[0]), { timeout: 10_000 });
}

/** Replaces the text of an input (or the input inside the element) through the keyboard. */
export async function typeInto(browser, testId, text) {
  const host = await byTestId(browser, testId);
  const tag = (await host.getTagName()).toLowerCase();
  const input = tag === "input" || tag === "textarea" ? host : await host.$("input, textarea");
  await input.waitForClickable({ timeout: 30_000 }); // modals fade in
  await input.click();
  // select all and delete through the keyboard, so React's controlled input sees every change
  // WebKit's driver types through keysyms and, on a busy machine, now and then drops a CJK one: the person at the
  // keyboard never does, so type again (at most three times) until the input holds what was typed; an input
  // that reformats what it is given (numbers) is left to the test's own assertions
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await input.click();
    await browser.keys(["Control", "a"]);
    await browser.keys(["Backspace"]);
    await input.addValue(text);
    if ((await input.getValue()) === text) return;
  }
}

/** Waits for the modal holding `submitTestId` to close after its submit; if it stays open, says what it shows
 * (a form error, a refusal) and saves a screenshot, so a failure in CI names its cause. */
export async function waitForModalToClose(browser, submitTestId, name, timeout = 20_000) {
  const submit = await byTestId(browser, submitTestId);
  try {
    await browser.waitUntil(async () => !(await submit.isDisplayed()), { timeout });
  } catch {
    const modal = await submit.$("./ancestor::div[contains(@class,'ant-modal-content')]");
    const text = (await modal.isExisting()) ? await modal.getText() : "(the modal is gone)";
    const file = await shot(browser, `failed-${name}`);
    throw new Error(`the modal stayed open ${timeout} ms after ${submitTestId}; it shows:\n${text}\n(screenshot ${file})`);
  }
}

/** Clicks once the element is on screen and clickable (modals fade in). */
export async function clickTestId(browser, testId) {
  const el = await byTestId(browser, testId);
  await el.waitForClickable({ timeout: 30_000 });
  await el.click();
}

/** Answers the GTK file chooser: Ctrl+L opens the location bar, type the path, Enter. */
export function chooseFileInNativeDialog(path, names = "打开|Open|选择|Select|保存|Save") {
  // xdotool types through keysyms: CJK ones are remapped on the fly and dropped now and then (seen on a busy
  // and on a quiet machine), so a test must hand the dialog an ASCII path
  if (/[^\x20-\x7e]/.test(path)) throw new Error(`type an ASCII path into the native dialog, not ${path}`);
  const run = (...args) => execFileSync("xdotool", args, { encoding: "utf8" }).trim();
  let dialog = "";
  // GTK builds its file chooser on first use (icon theme, recent files, mounts): on a busy machine that took
  // longer than 15 s, so wait by the clock, not by a count of tries
  const deadline = Date.now() + 60_000;
  while (!dialog && Date.now() < deadline) {
    try {
      dialog = run("search", "--onlyvisible", "--name", names).split("\n").pop();
    } catch {
      execFileSync("sleep", ["0.2"]);
    }
  }
  if (!dialog) throw new Error("the native file dialog did not open");
  // no window manager runs under Xvfb: give the dialog the input focus directly, then type through XTEST.
  // A busy machine may drop the first keystrokes while GTK builds the dialog: try again while it stays open.
  const open = () => {
    try {
      return run("search", "--onlyvisible", "--name", names).split("\n").includes(dialog);
    } catch {
      return false;
    }
  };
  for (let attempt = 0; attempt < 3 && open(); attempt++) {
    execFileSync("sleep", [attempt === 0 ? "0.5" : "1"]);
    run("windowfocus", "--sync", dialog);
    run("key", "ctrl+l");
    execFileSync("sleep", ["0.5"]);
    run("key", "ctrl+a");
    run("type", "--delay", "20", path);
    execFileSync("sleep", ["0.4"]);
    run("key", "Return");
    for (let i = 0; i < 25 && open(); i++) execFileSync("sleep", ["0.2"]);
  }
  if (open()) throw new Error("the native file dialog did not take the path");
}

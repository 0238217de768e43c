// Issue 11 item 5 (B-10) in the real window: a PDF employment proof picked in the binding wizard is validated
// by the core as a whole file and shown page by page by pdf.js (bundled, loaded on first use), with 上一页/
// 下一页, 第 n / N 页, 放大/缩小/适合宽度 and PageUp/PageDown, +/- on the keyboard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { freshHome, startDriver, openWindow, shot, byTestId, waitForText } from "./harness.mjs";
import * as actions from "./actions.mjs";
import { loadDemo, freeAccount, idNumber, proofPdf } from "./fixtures.mjs";

const NAME = "沈晓燕";
const ID = idNumber("310115", "19950315", 24);
let driver;
let browser;
let xhsId;
let pdf;

before(async () => {
  const { home, env } = freshHome();
  loadDemo(env);
  xhsId = freeAccount(env);
  pdf = proofPdf(home, "Shen Xiaoyan", NAME);
  driver = await startDriver(env);
  browser = await openWindow();
  await byTestId(browser, "current-enterprise", 30_000);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.kill();
});

/** How many of the canvas's pixels are dark (the page's text and the stamp), sampled. */
async function inkedPixels() {
  return browser.execute(() => {
    const canvas = document.querySelector('[data-testid="pdf-canvas-box"] canvas');
    if (!canvas || !canvas.width) return -1;
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 16) if (data[i] < 160 || data[i + 1] < 160) inked++;
    return inked;
  });
}

const drawnPage = async (n) => {
  const box = await byTestId(browser, "pdf-canvas-box");
  await browser.waitUntil(async () => (await box.getAttribute("data-page")) === String(n) && (await box.getAttribute("data-drawn")) === "true", {
    timeout: 20_000,
    timeoutMsg: `page ${n} was not drawn`,
  });
};

test("B-10: a PDF proof uploaded in the binding wizard is shown page by page, zoomable, by keyboard too", async () => {
  await actions.actAs(browser, "品牌市场 · 悦家家政服务");
  await (await byTestId(browser, "nav-bindings")).click();
  await (await byTestId(browser, "bind-staff")).click();
  await (await byTestId(browser, "wizard-mode-personal")).click();
  await actions.typeInto(browser, "wizard-xhs", xhsId);
  await (await byTestId(browser, "wizard-search")).click();
  await byTestId(browser, "wizard-lookup");
  await (await byTestId(browser, "wizard-apply")).click();
  await byTestId(browser, "wizard-step-0");
  await actions.typeInto(browser, "wizard-name", NAME);
  await actions.typeInto(browser, "wizard-id", ID);
  await (await byTestId(browser, "wizard-pick-file")).click();
  const consent = await browser.$('[data-testid="proof-consent"]');
  if (await consent.isExisting()) await actions.clickTestId(browser, "consent-agree");
  await sleep(800);
  actions.chooseFileInNativeDialog(pdf, "打开|Open|选择|Select");
  await byTestId(browser, "wizard-repick", 20_000);

  // the viewer: page 1 of 2, drawn (not blank), fitted to the width
  const preview = await byTestId(browser, "proof-preview");
  await byTestId(browser, "pdf-viewer");
  await waitForText(browser, "第 1 / 2 页");
  await drawnPage(1);
  assert.match(await preview.getText(), /labour-contract\.pdf/);
  const ink1 = await inkedPixels();
  assert.ok(ink1 > 200, `page 1 looks blank (${ink1} inked samples)`);
  assert.equal(await (await byTestId(browser, "pdf-prev")).isEnabled(), false);
  const fitted = await (await byTestId(browser, "pdf-zoom")).getText();
  // a click on the document brings it into sight and gives it the keyboard, as a reader would
  await (await byTestId(browser, "pdf-canvas-box")).click();
  await sleep(300);
  await shot(browser, "38-wizard-pdf-proof");

  // 下一页 by the button, back and forth by the keyboard
  await (await byTestId(browser, "pdf-next")).click();
  await waitForText(browser, "第 2 / 2 页");
  await drawnPage(2);
  await (await byTestId(browser, "pdf-canvas-box")).click();
  await browser.keys(["PageUp"]);
  await drawnPage(1);
  await browser.keys(["PageDown"]);
  await drawnPage(2);
  assert.equal(await (await byTestId(browser, "pdf-next")).isEnabled(), false);

  // 放大 by the keyboard and the button, then 适合宽度 again
  await browser.keys(["+"]);
  await browser.waitUntil(async () => (await (await byTestId(browser, "pdf-zoom")).getText()) !== fitted, { timeout: 10_000 });
  await (await byTestId(browser, "pdf-zoom-in")).click();
  await drawnPage(2);
  const zoomed = await (await byTestId(browser, "pdf-zoom")).getText();
  assert.ok(Number.parseInt(zoomed) > Number.parseInt(fitted), `${zoomed} after zooming in from ${fitted}`);
  const ink2 = await inkedPixels();
  assert.ok(ink2 > 100, `page 2 looks blank (${ink2} inked samples)`);
  // the zoomed page in sight, as a reader scrolls to it
  // (the modal's own scroller moves; the page of the document shows under its controls)
  await browser.execute(() => document.querySelector('[data-testid="pdf-viewer"]').scrollIntoView({ block: "start" }));
  await sleep(300);
  await shot(browser, "39-wizard-pdf-page2-zoomed");
  await (await byTestId(browser, "pdf-fit")).click();
  await browser.waitUntil(async () => (await (await byTestId(browser, "pdf-zoom")).getText()) === fitted, { timeout: 10_000 });
});

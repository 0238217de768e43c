// U-5 (issue 14): leaders and employees on their phones, from the team server. kos-server serves the built UI
// on a fresh database in the throwaway PostgreSQL cluster (`bash .ci/pg`), set up through the API as the
// administrator (phone-server.mjs); headless Chromium over chromedriver (no display needed) emulates a
// 390×844 and a 375×667 phone. The leader opens the link to one campaign's board, signs in, changes the
// password the administrator reset (U-4), reads the board and narrows it by city and store; the employee
// signs in, reads 我的数据, and accepts the invitation in 消息通知 after a mismatched ID number is refused
// (B-13, B-14). Screenshots: tests/e2e/screenshots/phone-*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { byTestId, endProcesses, shot, waitForText } from "./harness.mjs";
import { idNumber } from "./fixtures.mjs";
import { CAMPAIGN, NEW_HIRE, NEW_HIRE_ID, TEMP_PASSWORD, openPhone, startChromedriver, startPhoneServer } from "./phone-server.mjs";

let srv;
let driverPort;
const browsers = [];

before(async () => {
  srv = await startPhoneServer("phone");
  driverPort = await startChromedriver();
});

after(async () => {
  await Promise.all(browsers.map((b) => Promise.race([b.deleteSession().catch(() => {}), sleep(10_000)])));
  await endProcesses(); // chromedriver, the browsers and the server, by id
});

async function phone(width, height) {
  const b = await openPhone(driverPort, width, height);
  browsers.push(b);
  return b;
}

async function typeInto(browser, testId, text) {
  const el = await byTestId(browser, testId);
  await el.click();
  await browser.execute((e) => {
    e.select();
  }, el);
  await browser.keys(["Control", "a"]);
  await browser.keys("Backspace");
  await el.addValue(text);
}

/** A toast (密码已修改, 已接受邀请) has gone, so a screenshot shows the page's own header. */
async function noToast(browser) {
  await browser.waitUntil(async () => (await browser.$$(".ant-message-notice")).length === 0, { timeout: 15_000, timeoutMsg: "a toast stays" });
}

async function click(browser, testId) {
  await (await byTestId(browser, testId)).click();
}

/** Nothing is wider than the phone: no sideways scrolling, no text cut off at the right edge. */
async function assertFitsWidth(browser, where) {
  const { scroll, inner, wide } = await browser.execute(() => {
    const inner = window.innerWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > inner + 1 && getComputedStyle(e).position !== "fixed" && !e.closest(".ant-select-dropdown");
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)} → ${Math.round(e.getBoundingClientRect().right)}`);
    return { scroll: document.documentElement.scrollWidth, inner, wide };
  });
  assert.ok(scroll <= inner && wide.length === 0, `${where}: page ${scroll} px wide on a ${inner} px phone; ${wide.join("; ")}`);
}

/** The smallest text on screen is readable without zooming (12 px and up, body text 14 px and up). */
async function smallestFont(browser) {
  return browser.execute(() => {
    let min = { px: 99, what: "" };
    for (const e of document.querySelectorAll("body *")) {
      if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const px = parseFloat(getComputedStyle(e).fontSize);
      if (px < min.px) min = { px, what: `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.slice(0, 20)}"` };
    }
    return min;
  });
}

/** Signs in on the phone's login page, then replaces the administrator's temporary password. */
async function signInFirstTime(browser, name, newPassword, prefix) {
  await byTestId(browser, "phone-login-form", 30_000);
  await waitForText(browser, "登录 KOS 工作台");
  await assertFitsWidth(browser, "login");
  await shot(browser, `${prefix}-login`);
  await typeInto(browser, "phone-login-name", name);
  await typeInto(browser, "phone-login-password", "wrong-password-1");
  await click(browser, "phone-login-submit");
  await byTestId(browser, "phone-login-error");
  await typeInto(browser, "phone-login-password", TEMP_PASSWORD);
  await click(browser, "phone-login-submit");
  await byTestId(browser, "change-password-form", 20_000);
  await waitForText(browser, "请先修改密码");
  await assertFitsWidth(browser, "change password");
  await shot(browser, `${prefix}-change-password`);
  await typeInto(browser, "password-current", TEMP_PASSWORD);
  await typeInto(browser, "password-new", newPassword);
  await typeInto(browser, "password-again", newPassword);
  await click(browser, "password-save");
  await byTestId(browser, "phone-shell", 20_000);
}

test("a leader opens a campaign's link at 390×844: signs in, changes the password, reads the board, narrows it", async () => {
  const b = await phone(390, 844);
  // the link a leader is sent: one campaign's board (the server answers the deep link with the app)
  await b.url(`${srv.base}/m/campaigns/${srv.campaign.id}/board`);
  await signInFirstTime(b, srv.leader.name, "leader-own-2026", "phone-10-leader");
  // the session cookie is HttpOnly: the page cannot read it
  assert.equal(await b.execute(() => document.cookie), "");
  assert.equal(new URL(await b.getUrl()).pathname, `/m/campaigns/${srv.campaign.id}/board`);
  // the tab's icon and the home-screen icon are the app's own, served as images (not the app's HTML)
  const icons = await b.execute(() =>
    Promise.all(
      [...document.querySelectorAll('link[rel="icon"], link[rel="apple-touch-icon"]')].map((l) =>
        fetch(l.href).then((r) => `${l.rel} ${r.status} ${r.headers.get("content-type")}`),
      ),
    ),
  );
  assert.deepEqual(icons, ["icon 200 image/png", "apple-touch-icon 200 image/png"]);
  const view = await byTestId(b, "leader-view", 30_000);
  await waitForText(b, CAMPAIGN);
  assert.equal(await (await byTestId(b, "phone-title")).getText(), "领导看板");
  assert.equal((await b.$$('[data-testid^="podium-place-"]')).length, 3);
  assert.ok((await b.$$('[data-testid^="leader-note-"]')).length >= 1, "the single-note board lists notes");
  // the charts load on demand and draw on canvases
  await b.waitUntil(async () => (await b.$$('[data-testid="ranking-chart"] canvas')).length > 0, { timeout: 30_000, timeoutMsg: "no top-10 chart" });
  await b.waitUntil(async () => (await b.$$('[data-testid="trend-chart"] canvas')).length > 0, { timeout: 30_000, timeoutMsg: "no running totals" });
  assert.ok(await view.isDisplayed());
  await assertFitsWidth(b, "board");
  const min = await smallestFont(b);
  assert.ok(min.px >= 12, `the smallest text is ${min.px} px: ${min.what}`);
  await sleep(600);
  await noToast(b);
  await shot(b, "phone-12-leader-board");
  await b.execute(() => window.scrollTo(0, document.querySelector('[data-testid="ranking-chart"]').getBoundingClientRect().top + window.scrollY - 100));
  await sleep(300);
  await shot(b, "phone-13-leader-top10");
  await b.execute(() => window.scrollTo(0, document.querySelector('[data-testid="trend-chart"]').getBoundingClientRect().top + window.scrollY - 100));
  await sleep(300);
  await shot(b, "phone-14-leader-trend");

  // narrowed to a city, then a store of it
  await b.execute(() => window.scrollTo(0, 0));
  await (await b.$('[data-testid="leader-city"] .ant-select-selector, [data-testid="leader-city"]')).click();
  const city = await b.$(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
  await city.waitForDisplayed({ timeout: 10_000 });
  const cityName = await city.getText();
  await city.click();
  await waitForText(b, `仅显示${cityName}`);
  await (await b.$('[data-testid="leader-store"] .ant-select-selector, [data-testid="leader-store"]')).click();
  const store = await b.$(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
  await store.waitForDisplayed({ timeout: 10_000 });
  const storeName = await store.getText();
  await store.click();
  await waitForText(b, `${storeName} 累计互动排名`);
  await b.waitUntil(async () => (await (await byTestId(b, "leader-narrowed")).getText()).includes(storeName), { timeout: 20_000 });
  await assertFitsWidth(b, "narrowed board");
  await sleep(600);
  await shot(b, "phone-15-leader-store");

  // the session outlives a reload (the cookie), and 退出 ends it: the login page again, the board refused
  await b.refresh();
  await byTestId(b, "leader-view", 30_000);
  await click(b, "phone-logout");
  await byTestId(b, "phone-login-form", 20_000);
  await b.url(`${srv.base}/m/board`);
  await byTestId(b, "phone-login-form", 20_000);
});

test("an employee at 375×667: 我的数据, then accepts the invitation in 消息通知 with name and ID verified (B-13, B-14)", async () => {
  const b = await phone(375, 667);
  await b.url(`${srv.base}/`);
  await signInFirstTime(b, srv.employee.name, "employee-own-2026", "phone-20-employee");
  // an employee's first page is 我的数据; a leader's board is not offered
  await byTestId(b, "my-data-page", 30_000);
  assert.equal(new URL(await b.getUrl()).pathname, "/m/my-data");
  assert.equal(await (await byTestId(b, "phone-title")).getText(), "我的数据");
  await byTestId(b, "employee-dashboard", 30_000);
  await assertFitsWidth(b, "my data");
  await sleep(400);
  await noToast(b);
  await shot(b, "phone-22-my-data");

  await click(b, "phone-tab-invitations");
  await byTestId(b, "invitations-page", 30_000);
  const id = srv.binding.id;
  const countdown = await byTestId(b, `invitation-countdown-${id}`);
  const first = await countdown.getText();
  assert.match(first, /剩余 4[67]:\d\d:\d\d/, first);
  await sleep(1500);
  assert.notEqual(await countdown.getText(), first, "the 48-hour countdown runs");
  await assertFitsWidth(b, "invitations");
  await noToast(b);
  await shot(b, "phone-23-invitation");

  // a mismatched ID number is refused with the rule's message (B-14); the right one binds
  await click(b, `invitation-accept-${id}`);
  await typeInto(b, "accept-name", NEW_HIRE);
  await typeInto(b, "accept-id", idNumber("310115", "19950315", 25));
  await click(b, "accept-submit");
  const error = await byTestId(b, "accept-error", 20_000);
  assert.match(await error.getText(), /不一致|不符|B-14/);
  await assertFitsWidth(b, "accept refused");
  await shot(b, "phone-24-accept-mismatch");
  await typeInto(b, "accept-id", NEW_HIRE_ID);
  await click(b, "accept-submit");
  await waitForText(b, "已接受邀请");
  await b.waitUntil(async () => (await b.$$(`[data-testid="invitation-accept-${id}"]`)).length === 0, {
    timeout: 20_000,
    timeoutMsg: "the invitation still offers 接受",
  });
  await waitForText(b, "已绑定");
  await sleep(400);
  await noToast(b);
  await shot(b, "phone-25-accepted");

  // 我的数据 now lists the bound account; and the page in English
  await click(b, "phone-tab-myData");
  await byTestId(b, `employee-account-${srv.binding.account_id}`, 30_000);
  await click(b, "lang-toggle");
  await waitForText(b, "My data");
  await assertFitsWidth(b, "my data (en)");
  await sleep(400);
  await noToast(b);
  await shot(b, "phone-26-my-data-en");

  // a leader's link opened by the employee goes to the employee's own pages
  await b.url(`${srv.base}/m/campaigns/${srv.campaign.id}/board`);
  await byTestId(b, "my-data-page", 30_000);
});

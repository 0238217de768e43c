// U-5 benchmark (not a test): how heavy and how fast the phone pages' first load is, on loopback, in headless
// Chromium at 390×844 with an empty cache (a fresh browser profile per run). Prints the figures:
//
//   bash .ci/pg node tests/e2e/phone-bench.mjs [--runs N]
//
// (the server and the UI built first: cargo build -p kos-server; cd ui && npm run build). Two pages:
//  - the login page, as a phone first opens the server's address (no session yet);
//  - the leader's board of one campaign from a link, signed in (the session cookie set, nothing cached): until
//    the podium, the single-note board and both charts are drawn.
// "transferred" is what went over the wire (Resource Timing's transferSize: gzip-compressed bodies and headers)
// for the page, its scripts and styles and its API calls; "ready" the time from navigation until the page can
// be used (the form, or the board with its charts on canvas), measured in the page with requestAnimationFrame.
import { endProcesses } from "./harness.mjs";
import { openPhone, startChromedriver, startPhoneServer, login, TEMP_PASSWORD } from "./phone-server.mjs";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const LEADER_PASSWORD = "leader-bench-2026";

/** Waits in the page until every selector matches; the time since navigation, and what was transferred. */
async function measure(browser, selectors) {
  return browser.executeAsync((sels, done) => {
    const ready = () => sels.every((s) => document.querySelector(s));
    const finish = () => {
      const at = performance.now();
      // let the last responses' timing entries land
      setTimeout(() => {
        const nav = performance.getEntriesByType("navigation")[0];
        const res = performance.getEntriesByType("resource");
        const api = res.filter((r) => new URL(r.name).pathname.startsWith("/api/"));
        const assets = res.filter((r) => !new URL(r.name).pathname.startsWith("/api/"));
        const sum = (list) => list.reduce((n, r) => n + (r.transferSize || 0), 0);
        const decoded = (list) => list.reduce((n, r) => n + (r.decodedBodySize || 0), 0);
        done({
          readyMs: at,
          domContentLoadedMs: nav.domContentLoadedEventEnd,
          htmlBytes: nav.transferSize,
          assetBytes: sum(assets),
          assetDecodedBytes: decoded(assets) + nav.decodedBodySize,
          apiBytes: sum(api),
          files: assets.map((r) => `${new URL(r.name).pathname} ${r.transferSize}`),
          requests: res.length + 1,
        });
      }, 300);
    };
    const tick = () => (ready() ? finish() : requestAnimationFrame(tick));
    tick();
  }, selectors);
}

function stats(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  const srv = await startPhoneServer("bench");
  // the leader's own password (a reset one would ask to change it first)
  const temp = await login(srv.base, srv.leader.name, TEMP_PASSWORD);
  const changed = await fetch(`${srv.base}/api/change_password`, {
    method: "POST",
    headers: { authorization: `Bearer ${temp}`, "content-type": "application/json" },
    body: JSON.stringify({ current_password: TEMP_PASSWORD, new_password: LEADER_PASSWORD }),
  });
  if (!changed.ok) throw new Error(`change_password: ${await changed.text()}`);
  const driver = await startChromedriver();
  const results = { login: [], board: [] };
  for (let i = 0; i < runs; i++) {
    // the login page, cold
    let b = await openPhone(driver, 390, 844);
    await b.setTimeout({ pageLoad: 60_000 });
    await b.url(`${srv.base}/m/board`);
    results.login.push(await measure(b, ['[data-testid="phone-login-submit"]']));
    await b.deleteSession();

    // the board from a link, signed in, cold: the cookie from a browser sign-in, then the page
    const res = await fetch(`${srv.base}/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: srv.leader.name, password: LEADER_PASSWORD, client: "browser" }),
    });
    const cookie = /kos_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
    if (!cookie) throw new Error("no session cookie");
    b = await openPhone(driver, 390, 844);
    await b.url(`${srv.base}/assets/none.txt`); // a plain 404 on the server's origin, to set the cookie on
    await b.setCookies({ name: "kos_session", value: cookie, path: "/", httpOnly: true });
    await b.url(`${srv.base}/m/campaigns/${srv.campaign.id}/board`);
    results.board.push(
      await measure(b, ['[data-testid="podium"]', '[data-testid="leader-notes"]', '[data-testid="ranking-chart"] canvas', '[data-testid="trend-chart"] canvas']),
    );
    await b.deleteSession();
  }

  console.log(`\nU-5 phone pages, first load on loopback, headless Chromium ${runs}× at 390×844, empty cache each time`);
  for (const [name, list] of Object.entries(results)) {
    const ready = stats(list.map((r) => r.readyMs));
    const dcl = stats(list.map((r) => r.domContentLoadedMs));
    const assets = stats(list.map((r) => r.htmlBytes + r.assetBytes));
    const api = stats(list.map((r) => r.apiBytes));
    const total = stats(list.map((r) => r.htmlBytes + r.assetBytes + r.apiBytes));
    console.log(`\n${name === "login" ? "login page (/m/board without a session)" : "leader board (/m/campaigns/<id>/board, signed in)"}`);
    console.log(`  transferred: ${kb(total.median)} (page, scripts and styles ${kb(assets.median)} gzip, from ${kb(list[0].assetDecodedBytes)} uncompressed; API ${kb(api.median)}); ${list[0].requests} requests`);
    console.log(`  ready: median ${ready.median.toFixed(0)} ms (min ${ready.min.toFixed(0)}, max ${ready.max.toFixed(0)}); DOMContentLoaded median ${dcl.median.toFixed(0)} ms`);
    console.log(`  under 1 MB: ${total.max < 1024 * 1024 ? "yes" : "NO"}; usable within 2 s: ${ready.max < 2000 ? "yes" : "NO"} (worst run)`);
    console.log(`  files: ${list[0].files.join(", ")}`);
  }
}

try {
  await main();
} finally {
  await endProcesses();
}

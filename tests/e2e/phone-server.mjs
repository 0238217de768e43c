// U-5: what the phone pages' end-to-end test (phone.test.mjs) and their benchmark (phone-bench.mjs) share: a
// kos-server serving the built UI (ui/dist) on its own database in the throwaway PostgreSQL cluster
// (KOS_TEST_PG_URL, from `bash .ci/pg`), filled through the API as the administrator (the demo brand, a running
// campaign, an invitation for a new hire), and headless Chromium at a phone's size over chromedriver.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { remote } from "webdriverio";
import { root, spawnTracked } from "./harness.mjs";
import { idNumber, proofPng } from "./fixtures.mjs";
import { freePort, login, psql, startTeamServer, waitForPort } from "./team-server.mjs";

export { login };
export const webDir = process.env.KOS_SERVER_WEB ?? join(root, "ui", "dist");
const ADMIN = "手机端管理员";
const ADMIN_PASSWORD = "admin-pass-2026";
export const TEMP_PASSWORD = "temporary-2026";
export const NEW_HIRE = "沈晓燕";
export const NEW_HIRE_ID = idNumber("310115", "19950315", 24);
export const CAMPAIGN = "十二月全员写笔记激励";

/**
 * Starts the server on a fresh database and sets it up as a brand would: the demo, a campaign running for the
 * last 45 days, a leader and an employee whose passwords the administrator reset (they change them at first
 * sign-in), and the employee invited (B-9..B-12) with a real proof uploaded.
 */
export async function startPhoneServer(tag) {
  assert.ok(existsSync(join(webDir, "index.html")), `no built UI in ${webDir}: cd ui && npm run build`);
  const { base, dbUrl, home } = await startTeamServer({
    tag,
    admin: ADMIN,
    password: ADMIN_PASSWORD,
    web: webDir,
    log: Boolean(process.env.KOS_E2E_SERVER_LOG),
  });

  /** One command as a signed-in session; anything but 200 fails the set-up. */
  const caller = (token) => async (command, args) => {
    const res = await fetch(`${base}/api/${command}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(args ?? {}),
    });
    const body = await res.json();
    assert.equal(res.status, 200, `${command}: ${JSON.stringify(body)}`);
    return body;
  };
  const api = caller(await login(base, ADMIN, ADMIN_PASSWORD));
  const demo = await api("load_demo", { seed: null });
  const enterpriseId = demo.enterprise_id;
  const today = new Date(Date.now() + 8 * 3600_000); // Beijing date
  const day = (d) => new Date(today.getTime() - d * 86_400_000).toISOString().slice(0, 10);
  const campaign = await api("create_campaign", { enterprise_id: enterpriseId, name: CAMPAIGN, start_date: day(45), end_date: day(0), scope: null, rules: null });

  // brand marketing invites (the administrator may not): signed in with a password of its own
  const marketingUser = (await api("list_users", {})).find((u) => u.role === "brand_marketing" && u.enterprise_id === enterpriseId);
  await api("reset_password", { user_id: marketingUser.id, new_password: TEMP_PASSWORD });
  const marketingToken = await login(base, marketingUser.name, TEMP_PASSWORD);
  const marketing = caller(marketingToken);
  await marketing("change_password", { current_password: TEMP_PASSWORD, new_password: "marketing-own-2026" });

  // a new hire invited with a real employment proof, uploaded as the window would
  const xhsId = psql(
    dbUrl,
    `SELECT xhs_id FROM xhs_accounts a WHERE NOT has_shop AND phone_bound AND real_name_hmac IS NULL
       AND NOT EXISTS (SELECT 1 FROM bindings b WHERE b.account_id = a.id) ORDER BY id LIMIT 1`,
  );
  assert.ok(xhsId, "the demo has a free account");
  const stores = await api("list_stores", { enterprise_id: enterpriseId });
  const store = stores.find((s) => s.city === "上海") ?? stores[0];
  const png = readFileSync(proofPng(home, NEW_HIRE));
  const up = await fetch(`${base}/api/files?name=employment-proof.png`, { method: "POST", headers: { authorization: `Bearer ${marketingToken}` }, body: png });
  assert.equal(up.status, 200, await up.clone().text());
  const proof = await marketing("upload_proof", { enterprise_id: enterpriseId, file: (await up.json()).token });
  const binding = await marketing("invite", {
    enterprise_id: enterpriseId,
    mode: "personal",
    xhs_id: xhsId,
    store_id: store.id,
    staff_name: NEW_HIRE,
    id_number: NEW_HIRE_ID,
    proof_id: proof.proof_id,
    job_title: "导购",
    signed: true,
    employee_no: null,
  });

  // the people who use their phones, with a temporary password each (U-4: they choose their own first)
  let users = await api("list_users", {});
  const leader = users.find((u) => u.role === "leader" && u.enterprise_id === enterpriseId);
  assert.ok(leader, "the demo has a leader of the brand");
  let employee = users.find((u) => u.role === "employee" && u.staff_id === binding.staff_id);
  if (!employee) {
    await api("create_user", { name: NEW_HIRE, role: "employee", enterprise_id: enterpriseId, agency_id: null, store_ids: [], staff_id: binding.staff_id, phone: null });
    users = await api("list_users", {});
    employee = users.find((u) => u.role === "employee" && u.staff_id === binding.staff_id);
  }
  assert.ok(employee, "the new hire has an employee user");
  for (const u of [leader, employee]) await api("reset_password", { user_id: u.id, new_password: TEMP_PASSWORD });
  return { base, api, enterpriseId, campaign, leader, employee, store, binding };
}

/** chromedriver on a free port, with the Debian package's Chromium. */
export async function startChromedriver() {
  const port = await freePort();
  spawnTracked(process.env.CHROMEDRIVER ?? "/usr/bin/chromedriver", [`--port=${port}`], { stdio: "ignore" });
  await waitForPort(`http://127.0.0.1:${port}/status`);
  return port;
}

/**
 * A phone: headless Chromium (no display needed) emulating a portrait phone of `width`×`height` CSS pixels at
 * twice the density, touch and a phone's user agent, in Chinese; a fresh profile, so nothing is cached.
 */
export async function openPhone(driverPort, width, height, lang = "zh-CN") {
  return remote({
    hostname: "127.0.0.1",
    port: driverPort,
    logLevel: "warn",
    connectionRetryTimeout: 120_000,
    capabilities: {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: process.env.CHROMIUM ?? "/usr/bin/chromium",
        args: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", `--lang=${lang}`, "--no-first-run"],
        prefs: { "intl.accept_languages": lang },
        mobileEmulation: {
          deviceMetrics: { width, height, pixelRatio: 2, touch: true },
          userAgent:
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36",
        },
      },
    },
  });
}

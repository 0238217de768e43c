// U-4, U-5: a kos-server for the end-to-end tests, started the way an administrator starts one — its own database
// in the throwaway PostgreSQL cluster (KOS_TEST_PG_URL, from `bash .ci/pg`), its data folder and key file apart
// in a fresh home, the first administrator made with `--create-admin` (password on stdin), on a free loopback
// port. The team windows' test (team.test.mjs) and the phone pages' test and benchmark (phone-server.mjs) share it.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { binary, freshHome, spawnTracked } from "./harness.mjs";

export const serverBin = join(dirname(binary), "kos-server");

/** One SQL statement on a PostgreSQL URL; its output as text. */
export function psql(url, sql) {
  return execFileSync("psql", ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql], { encoding: "utf8" }).trim();
}

/** A free loopback port. */
export async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Waits until something answers HTTP at `url` (any status), up to 60 s by the clock. */
export async function waitForPort(url) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`nothing answers at ${url}`);
      await sleep(100);
    }
  }
}

/** Signs in over the API and answers the bearer token (a window's session, for set-up). */
export async function login(base, name, password) {
  const res = await fetch(`${base}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password }),
  });
  assert.equal(res.status, 200, `sign-in of ${name}: ${await res.clone().text()}`);
  return (await res.json()).token;
}

/**
 * Starts kos-server on a new database of the throwaway cluster (C collation, as the server requires) with
 * `admin` as its first administrator. `web` names the built UI it serves (KOS_SERVER_WEB), if any; its log goes
 * to the test's stderr when `log` is true. Answers where it listens, its database and the fresh home it lives in.
 */
export async function startTeamServer({ tag, admin, password, web = null, log = true }) {
  const pgUrl = process.env.KOS_TEST_PG_URL;
  assert.ok(pgUrl, "KOS_TEST_PG_URL is not set: run beside a throwaway cluster (bash .ci/pg …)");
  const { home } = freshHome();
  const dbName = `kos_e2e_${tag}_${process.pid}`;
  psql(pgUrl, `CREATE DATABASE ${dbName} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const dbUrl = pgUrl.replace(/\/[^/]*$/, `/${dbName}`);
  mkdirSync(join(home, "server-data"), { recursive: true });
  mkdirSync(join(home, "server-keys"), { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    KOS_SERVER_DATABASE_URL: dbUrl,
    KOS_SERVER_DATA: join(home, "server-data"),
    KOS_SERVER_KEY_FILE: join(home, "server-keys", "kos-server.keys"),
    KOS_SERVER_LISTEN: `127.0.0.1:${port}`,
    ...(web ? { KOS_SERVER_WEB: web } : {}),
  };
  const made = spawnSync(serverBin, ["--create-admin", admin], { env, input: `${password}\n`, encoding: "utf8" });
  assert.equal(made.status, 0, `kos-server --create-admin: ${made.stderr}`);
  spawnTracked(serverBin, [], { env, stdio: ["ignore", "ignore", log ? "inherit" : "ignore"] });
  // any answer will do: the sign-in page's 401 says the server is up
  await waitForPort(`${base}/api/app_info`);
  return { base, dbUrl, home };
}

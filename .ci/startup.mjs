// Issue 15 item 4: the start-up and memory budget of the window. Run by `.ci/startup` (which builds what is
// missing and provides the display and the session bus); on its own:
//
//   node .ci/startup.mjs --bin target/release/kos-desk --db PATH [--warm 5] [--cold 3] [--idle 10]
//
// Each run launches the window on the database and measures from the launch (the moment before this program
// spawns the process) to the first usable screen: 概览 with its figures and its monthly chart painted, which
// the UI reports to the window once (`first_screen_ready`) and the window logs on stderr with the wall-clock
// time (`startup: first screen (overview) usable N ms after launch (unix_ms T)`). A cold run first writes
// back and drops the page cache (`sync; echo 3 > /proc/sys/vm/drop_caches`, root only: without it the cold
// runs are skipped and the output says so); warm runs follow each other. After the screen is usable and the
// window has been idle `--idle` seconds, the resident memory of the app and of every process under it (the
// WebKit web and network processes) is read from /proc: RSS (VmRSS) and PSS (smaps_rollup, shared pages
// divided among their users). One JSON line per measure, like kos-bench, then a summary for people.
//
// The window keeps its settings, WebKit's caches and the key file in one temporary home for the whole
// benchmark (a user's second launch finds them too); KOS_DESK_KEY_FILE from the environment wins (the key
// the database was made with).

import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function opts() {
  const o = { bin: null, db: null, warm: 5, cold: 3, idle: 10, timeout: 120 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--bin") o.bin = v();
    else if (a === "--db") o.db = v();
    else if (a === "--warm") o.warm = Number(v());
    else if (a === "--cold") o.cold = Number(v());
    else if (a === "--idle") o.idle = Number(v());
    else if (a === "--timeout") o.timeout = Number(v());
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.bin || !existsSync(o.bin)) throw new Error(`--bin: no window binary at ${o.bin}`);
  if (!o.db || !existsSync(o.db)) throw new Error(`--db: no database at ${o.db}`);
  for (const k of ["warm", "cold", "idle", "timeout"]) {
    if (!Number.isInteger(o[k]) || o[k] < 0) throw new Error(`--${k} must be a whole number`);
  }
  if (o.warm + o.cold === 0) throw new Error("nothing to run: --warm and --cold are both 0");
  return o;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

/** Writes dirty pages back and drops the page cache, dentries and inodes; false when not permitted. */
function dropCaches() {
  try {
    execFileSync("sync");
    writeFileSync("/proc/sys/vm/drop_caches", "3\n");
    return true;
  } catch {
    return false;
  }
}

/** Every process under `root` (children, their children, …), from /proc's ppid fields. */
function descendants(root) {
  const parent = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // the command name is in parentheses and may hold spaces: the fields after the last ')'
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(name), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out = [];
  const walk = (pid) => {
    for (const [child, p] of parent) {
      if (p === pid) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

/** RSS and PSS of one process in KB, with its name; null when it is gone. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const field = (text, name) => Number((text.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m")) ?? [])[1] ?? NaN);
    const name = (status.match(/^Name:\s+(.*)$/m) ?? [])[1] ?? "?";
    return { pid, name, rss_kb: field(status, "VmRSS"), pss_kb: field(rollup, "Pss") };
  } catch {
    return null;
  }
}

const STAGE = /^startup: (.+?) (\d+) ms after launch \(unix_ms (\d+)\)$/;

/** One launch: the stages from the window's log (ms from our spawn), and the memory once idle. */
async function launch(o, env, kind) {
  const lines = [];
  const stages = {};
  let ready = null;
  const started = now();
  const child = spawn(o.bin, ["--db", o.db], { env, detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));
  let buffered = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      lines.push(line);
      const m = line.match(STAGE);
      if (m) {
        const fromSpawn = Number(m[3]) - started;
        stages[m[1]] = { from_spawn_ms: Math.round(fromSpawn), from_main_ms: Number(m[2]) };
        if (m[1].startsWith("first screen")) ready = fromSpawn;
      }
    }
  });
  try {
    const deadline = started + o.timeout * 1000;
    while (ready === null) {
      if (exited) throw new Error(`the window exited (${JSON.stringify(exited)}) before its first screen:\n${lines.join("\n")}`);
      if (now() > deadline) throw new Error(`no first screen within ${o.timeout} s:\n${lines.slice(-20).join("\n")}`);
      await sleep(5);
    }
    let memory = null;
    if (o.idle > 0 || kind === "warm") {
      await sleep(o.idle * 1000);
      if (exited) throw new Error(`the window exited while idle (${JSON.stringify(exited)}):\n${lines.join("\n")}`);
      const procs = [child.pid, ...descendants(child.pid)].map(memoryOf).filter(Boolean);
      memory = {
        processes: procs,
        rss_kb: procs.reduce((s, p) => s + p.rss_kb, 0),
        pss_kb: procs.reduce((s, p) => s + p.pss_kb, 0),
      };
    }
    return { ready_ms: ready, stages, memory };
  } finally {
    await stop(child, () => exited !== null);
  }
}

/** Ends the window and everything it started (its own process group), gently first. */
async function stop(child, hasExited) {
  const group = -child.pid;
  const tree = [child.pid, ...descendants(child.pid)];
  try {
    process.kill(group, "SIGTERM");
  } catch {
    // already gone
  }
  for (let i = 0; i < 200 && !hasExited(); i++) await sleep(50);
  try {
    process.kill(group, "SIGKILL");
  } catch {
    // ended by the SIGTERM
  }
  // the next launch must find the database's lock free and no WebKit process of this one left
  for (let i = 0; i < 100 && tree.some((pid) => existsSync(`/proc/${pid}`)); i++) await sleep(50);
}

const mb = (kb) => kb / 1024;
const round1 = (x) => Math.round(x * 10) / 10;

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return { n: v.length, min: v[0], median: mid, max: v[v.length - 1] };
}

function emit(measure, s, unit, extra = {}) {
  const r = (x) => (unit === "ms" ? Math.round(x) : round1(x));
  console.log(
    JSON.stringify({ measure, n: s.n, [`min_${unit}`]: r(s.min), [`median_${unit}`]: r(s.median), [`max_${unit}`]: r(s.max), ...extra }),
  );
}

async function main() {
  const o = opts();
  const home = mkdtempSync(join(tmpdir(), "kos-startup-"));
  const env = {
    ...process.env,
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
    KOS_DESK_KEY_FILE: process.env.KOS_DESK_KEY_FILE || join(home, "keys", "kos-desk.keys"),
  };
  delete env.KOS_DESK_DB;
  const loadavg = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.error(`startup benchmark: ${o.bin} on ${o.db}; load average ${loadavg}`);
  const runs = { cold: [], warm: [] };
  try {
    // one launch first, not counted: it creates the settings and WebKit's caches a user's launches find
    console.error("  first launch (not counted) …");
    await launch({ ...o, idle: 0 }, env, "first");
    let coldSkipped = false;
    for (let i = 0; i < o.cold; i++) {
      if (!dropCaches()) {
        coldSkipped = true;
        console.error("  cold runs skipped: dropping the page cache needs root (sync; echo 3 > /proc/sys/vm/drop_caches)");
        break;
      }
      const r = await launch({ ...o, idle: 0 }, env, "cold");
      console.error(`  cold ${i + 1}: usable after ${Math.round(r.ready_ms)} ms`);
      runs.cold.push(r);
    }
    for (let i = 0; i < o.warm; i++) {
      const r = await launch(o, env, "warm");
      console.error(
        `  warm ${i + 1}: usable after ${Math.round(r.ready_ms)} ms; idle ${o.idle} s: ` +
          `RSS ${mb(r.memory.rss_kb).toFixed(1)} MB, PSS ${mb(r.memory.pss_kb).toFixed(1)} MB`,
      );
      runs.warm.push(r);
    }

    const loadEnd = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    const machine = { load_average_start: loadavg, load_average_end: loadEnd };
    const summary = [];
    for (const kind of ["cold", "warm"]) {
      if (runs[kind].length === 0) continue;
      const s = stats(runs[kind].map((r) => r.ready_ms));
      emit(`startup_first_screen_${kind}`, s, "ms", { target_ms: kind === "cold" ? 2000 : 1000, ...machine });
      for (const stage of ["database open", "window built"]) {
        const v = runs[kind].map((r) => r.stages[stage]?.from_spawn_ms).filter((x) => x !== undefined);
        if (v.length) emit(`startup_${stage.replace(" ", "_")}_${kind}`, stats(v), "ms");
      }
      summary.push(
        `${kind === "cold" ? "cold (page cache dropped)" : "warm"}: first usable screen ${Math.round(s.median)} ms median ` +
          `(min ${Math.round(s.min)}, max ${Math.round(s.max)}, ${s.n} runs; target ≤ ${kind === "cold" ? 2000 : 1000} ms)`,
      );
    }
    if (runs.cold.length === 0 && o.cold > 0 && coldSkipped) summary.push("cold: skipped (not root)");
    if (runs.warm.length > 0) {
      const rss = stats(runs.warm.map((r) => mb(r.memory.rss_kb)));
      const pss = stats(runs.warm.map((r) => mb(r.memory.pss_kb)));
      emit("idle_memory_rss", rss, "mb", { idle_s: o.idle, target_mb: 250 });
      emit("idle_memory_pss", pss, "mb", { idle_s: o.idle, target_mb: 250 });
      // per process: the median run's
      const median = [...runs.warm].sort((a, b) => a.memory.pss_kb - b.memory.pss_kb)[Math.floor((runs.warm.length - 1) / 2)];
      for (const p of median.memory.processes) {
        console.log(JSON.stringify({ measure: "idle_memory_process", name: p.name, rss_mb: round1(mb(p.rss_kb)), pss_mb: round1(mb(p.pss_kb)) }));
      }
      summary.push(
        `idle ${o.idle} s after the first screen: RSS ${rss.median.toFixed(1)} MB, PSS ${pss.median.toFixed(1)} MB median ` +
          `(PSS ${pss.min.toFixed(1)}–${pss.max.toFixed(1)}; target ≤ 250 MB)`,
      );
      for (const p of median.memory.processes) {
        summary.push(`  ${p.name.padEnd(22)} RSS ${mb(p.rss_kb).toFixed(1).padStart(7)} MB  PSS ${mb(p.pss_kb).toFixed(1).padStart(7)} MB`);
      }
    }
    console.error(`\nload average ${loadavg} at the start, ${loadEnd} at the end`);
    console.error(summary.join("\n"));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

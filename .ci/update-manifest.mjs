#!/usr/bin/env node
// The updater's release manifest (issue 15 item 3): latest.json for the version being released, from the
// signed installers the release workflow built. Every installer with a `.sig` beside it (`tauri build` writes
// one per updater artefact when TAURI_SIGNING_PRIVATE_KEY is set) gets its platform keys, as the Tauri
// updater looks them up: `{os}-{arch}-{installer}` first, then `{os}-{arch}`.
//
//   node .ci/update-manifest.mjs --version 0.2.0 --base-url https://github.com/o/r/releases/download/v0.2.0 \
//     --notes-file notes.md --out latest.json DIR...
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= args.length) return undefined;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const version = opt("version")?.replace(/^v/, "");
const baseUrl = opt("base-url")?.replace(/\/$/, "");
const notesFile = opt("notes-file");
const out = opt("out") ?? "latest.json";
if (!version || !baseUrl || args.length === 0) {
  console.error("用法 (usage): update-manifest.mjs --version X.Y.Z --base-url URL [--notes-file F] [--out latest.json] DIR...");
  process.exit(2);
}
if (!baseUrl.startsWith("https://")) {
  console.error(`更新地址必须是 https：${baseUrl}`);
  process.exit(2);
}

/** Which platform keys an installer serves, by its file name. */
function keysOf(name) {
  if (name.endsWith(".AppImage")) return ["linux-x86_64-appimage", "linux-x86_64"];
  if (name.endsWith(".deb")) return ["linux-x86_64-deb"];
  if (name.endsWith("-setup.exe")) return ["windows-x86_64-nsis", "windows-x86_64"];
  if (name.endsWith(".msi")) return ["windows-x86_64-msi"];
  // one universal app serves both Mac architectures
  if (name.endsWith(".app.tar.gz")) return ["darwin-aarch64-app", "darwin-aarch64", "darwin-x86_64-app", "darwin-x86_64"];
  return [];
}

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const platforms = {};
for (const file of args.flatMap(walk).sort()) {
  const keys = keysOf(basename(file));
  if (keys.length === 0) continue;
  let signature;
  try {
    signature = readFileSync(`${file}.sig`, "utf8").trim();
  } catch {
    console.error(`没有签名，未列入清单（no .sig）：${file}`);
    continue;
  }
  const url = `${baseUrl}/${encodeURIComponent(basename(file))}`;
  for (const key of keys) {
    // the more specific key is listed first above; a later file never replaces one already listed
    if (!platforms[key]) platforms[key] = { signature, url };
  }
}
if (Object.keys(platforms).length === 0) {
  console.error("没有找到任何已签名的安装包：检查 TAURI_SIGNING_PRIVATE_KEY 是否已设置");
  process.exit(1);
}
const manifest = {
  version,
  notes: notesFile ? readFileSync(notesFile, "utf8").trim() : `KOS 工作台 ${version}`,
  pub_date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
  platforms,
};
writeFileSync(out, JSON.stringify(manifest, null, 2) + "\n");
console.log(`${out}: ${version}, ${Object.keys(platforms).join(", ")}`);

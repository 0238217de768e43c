/// <reference types="node" />
// Issue 15 item 2: no font assumption that only holds on Linux. Every font-family the UI sets, in its CSS and
// in its code, names the CJK face of Windows, macOS and Linux before the generic family.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CHART_THEME, CJK_FACES, FONT_STACK, MONO_STACK } from "./fonts";
import { appTheme } from "./App";

const GENERIC = ["sans-serif", "serif", "monospace", "system-ui", "ui-sans-serif", "ui-monospace", "cursive", "fantasy"];

/** The families of a font-family value, unquoted. */
function families(value: string): string[] {
  return value
    .split(",")
    .map((f) => f.trim().replace(/^["']|["']$/g, ""))
    .filter(Boolean);
}

/** What is wrong with a stack: a missing CJK face, or one after the generic family it falls back to. */
function problems(value: string): string[] {
  const list = families(value);
  const last = list[list.length - 1];
  const out: string[] = [];
  if (!GENERIC.includes(last)) out.push(`ends in "${last}", not a generic family`);
  for (const [os, face] of Object.entries(CJK_FACES)) {
    const at = list.indexOf(face);
    if (at < 0) out.push(`no CJK face for ${os} ("${face}")`);
    else if (at > list.length - 2) out.push(`"${face}" comes after the generic family`);
  }
  return out;
}

// every stylesheet and every source file of the UI (not the tests), as text, keyed "./features/x/y.css"
// (read from disk: the unit tests load CSS as empty modules)
const src = join(process.cwd(), "src"); // vitest runs in ui/
const files = (readdirSync(src, { recursive: true }) as string[]).map((f) => "./" + f.split("\\").join("/"));
const read = (f: string) => readFileSync(join(src, f), "utf8");
const css = Object.fromEntries(files.filter((f) => f.endsWith(".css")).map((f) => [f, read(f)]));
const code = Object.fromEntries(
  files.filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith("./test/")).map((f) => [f, read(f)]),
);

describe("issue 15: CJK fallbacks for Windows, macOS and Linux in every font stack", () => {
  test("the shared stacks name each OS's CJK face before the generic family", () => {
    expect(problems(FONT_STACK)).toEqual([]);
    expect(problems(MONO_STACK)).toEqual([]);
  });

  test("the check fails on a stack that leaves an OS out or puts the generic family first", () => {
    expect(problems('-apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif')).toEqual([
      'no CJK face for windows ("Microsoft YaHei")',
    ]);
    expect(problems('"Segoe UI", sans-serif, "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"')).toContain(
      'ends in "Noto Sans CJK SC", not a generic family',
    );
    expect(problems("ui-monospace, Menlo, Consolas, monospace")).toHaveLength(3);
  });

  test("every font-family in the stylesheets passes", () => {
    expect(Object.keys(css)).toContain("./styles.css");
    expect(css["./styles.css"]).toContain(".app-layout");
    const found: string[] = [];
    for (const [file, text] of Object.entries(css)) {
      for (const m of text.matchAll(/font-family\s*:\s*([^;}]+)/g)) {
        found.push(file);
        expect({ file, stack: m[1].replace(/\s+/g, " "), problems: problems(m[1]) }).toMatchObject({ problems: [] });
      }
    }
    expect(found.length).toBeGreaterThanOrEqual(2);
    // the page's own text uses exactly the stack antd and the charts get
    const body = /body\s*{[^}]*font-family\s*:\s*([^;}]+)/.exec(css["./styles.css"]);
    expect(families(body?.[1] ?? "")).toEqual(families(FONT_STACK));
  });

  test("code sets fonts only through the shared stacks, and antd and the charts use them", () => {
    for (const [file, text] of Object.entries(code)) {
      if (file === "./fonts.ts") continue;
      // a literal stack in code (fontFamily: "...") would escape the check above
      for (const m of text.matchAll(/font-?[Ff]amily["']?\s*[:=]\s*([^,}\n]+)/g)) {
        expect({ file, value: m[1].trim() }).toMatchObject({ value: expect.stringMatching(/^(FONT_STACK|MONO_STACK)\b/) });
      }
    }
    expect(appTheme.token.fontFamily).toBe(FONT_STACK);
    expect(appTheme.token.fontFamilyCode).toBe(MONO_STACK);
    expect(CHART_THEME.textStyle.fontFamily).toBe(FONT_STACK);
    // (the component is mocked in the other tests: read its source; EChart.tsx loads it on demand, U-5)
    expect(code["./components/EChartCanvas.tsx"]).toContain("echarts.init(el, CHART_THEME)");
    expect(code["./components/EChart.tsx"]).toContain('import("./EChartCanvas")');
  });
});

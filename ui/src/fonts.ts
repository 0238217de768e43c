/**
 * The window's font stacks. System fonts only (the CSP loads no remote font), so each stack names the CJK
 * face every desktop our users have ships, before the generic family: Windows "Microsoft YaHei", macOS
 * "PingFang SC" (before 10.11 "Hiragino Sans GB"), Linux "Noto Sans CJK SC" / "WenQuanYi Micro Hei".
 * Without them Chinese falls to whatever the OS picks (SimSun's thin strokes on Windows). styles.css's stacks,
 * antd's theme (App.tsx) and the charts' canvas (components/EChart.tsx) all use these; fonts.test.ts holds
 * every font-family in the UI's sources to it.
 */

/** The CJK faces a stack must name, one per desktop the users run. */
export const CJK_FACES = { windows: "Microsoft YaHei", macos: "PingFang SC", linux: "Noto Sans CJK SC" } as const;

export const FONT_STACK =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

/** Every chart's echarts theme: its canvas text in the window's stack (echarts' own default is bare sans-serif). */
export const CHART_THEME = { textStyle: { fontFamily: FONT_STACK } };

/** Digits and codes line up; a Chinese character inside still gets a CJK face. */
export const MONO_STACK =
  'ui-monospace, "SFMono-Regular", Menlo, Consolas, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", monospace';

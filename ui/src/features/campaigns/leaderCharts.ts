import type { EChartsCoreOption } from "echarts/core";
import type { LeaderPerson, TrendLine } from "../../api/commands.gen";
import { formatCount } from "../../format/number";

/** Readable on the dark meeting-room screen. */
const TEXT = "#fff";
const MUTED = "rgba(255, 255, 255, 0.65)";
const GRID_LINE = "rgba(255, 255, 255, 0.12)";
const AWARD = "#ff2442";
const NO_AWARD = "#6b7a90";
/** Ten lines that stay apart on a dark background; the top three come first. */
export const TREND_PALETTE = ["#ff2442", "#ffc53d", "#4096ff", "#36cfc9", "#b37feb", "#95de64", "#ff9c6e", "#f759ab", "#d3f261", "#85a5ff"];

const count = (v: unknown) => (typeof v === "number" ? formatCount(v) : String(v ?? ""));

/** The chart font size for a screen `height` px tall: 16 px at 768, 22 px at 1080. */
export function chartFontSize(height: number): number {
  return Math.max(13, Math.min(22, Math.round(height / 48)));
}

/**
 * The top 10 as horizontal bars, place 1 on top. Bars of people holding the I-2 award are red, the others
 * grey (a store's or city's list shows people the campaign-wide award passed over).
 */
export function leaderBarOption(people: LeaderPerson[], fontSize: number): EChartsCoreOption {
  const rows = [...people].sort((a, b) => b.place - a.place);
  const label = Math.max(12, fontSize - 2);
  return {
    grid: { left: 8, right: fontSize * 5, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: "value", axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: {
      type: "category",
      data: rows.map((p) => `${p.place}. ${p.staff_name}`),
      // every name, even when ten rows are tight
      axisLabel: { fontSize: label, color: TEXT, interval: 0 },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: count },
    series: [
      {
        type: "bar",
        data: rows.map((p) => ({ value: p.total_interactions, itemStyle: { color: p.awards.includes("ranking") ? AWARD : NO_AWARD } })),
        barMaxWidth: Math.round(fontSize * 1.6),
        itemStyle: { borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: "right", fontSize: label, color: TEXT, formatter: (p: { value: number }) => count(p.value) },
      },
    ],
  };
}

/**
 * Each person's running total per day: thicker lines for the first three, the legend naming everyone — down
 * the right on a screen, under the lines on a portrait phone (U-5), where the width is the lines'.
 */
export function leaderTrendOption(dates: string[], trend: TrendLine[], fontSize: number, legendAt: "right" | "bottom" = "right"): EChartsCoreOption {
  const small = Math.max(12, fontSize - 3);
  const below = legendAt === "bottom";
  return {
    color: TREND_PALETTE,
    // the names in place order: all ten stay in view at 1366 px; on a phone in rows under the chart
    legend: {
      orient: below ? "horizontal" : "vertical",
      ...(below ? { left: 0, right: 0, bottom: 0 } : { right: 0, top: "middle" }),
      type: below ? "plain" : "scroll",
      textStyle: { color: TEXT, fontSize: small },
      pageTextStyle: { color: MUTED },
      itemWidth: 14,
      itemGap: Math.round(small * (below ? 0.9 : 0.5)),
    },
    tooltip: { trigger: "axis", order: "valueDesc", valueFormatter: count },
    grid: below
      ? { left: 4, right: 8, top: small, bottom: Math.ceil(trend.length / 4) * (small + 10) + 8, containLabel: true }
      : { left: 8, right: small * 6, top: small, bottom: 4, containLabel: true },
    xAxis: {
      type: "category",
      boundaryGap: false,
      data: dates.map((d) => d.slice(5)),
      axisLabel: { color: MUTED, fontSize: small, hideOverlap: true },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: "value",
      minInterval: 1,
      axisLabel: { color: MUTED, fontSize: small, formatter: count },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: trend.map((line, i) => ({
      name: line.staff_name,
      type: "line",
      data: line.values,
      showSymbol: false,
      lineStyle: { width: i < 3 ? 4 : 2 },
      emphasis: { focus: "series" },
      z: 10 - i,
    })),
  };
}

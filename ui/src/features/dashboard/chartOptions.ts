import type { EChartsCoreOption } from "echarts/core";
import type { Slice, StoreSlice, WeekPoint } from "../../api/commands.gen";
import { formatCount } from "../../format/number";

const BRAND_RED = "#ff2442";
const BLUE = "#1677ff";
const PALETTE = ["#ff2442", "#1677ff", "#13c2c2", "#faad14", "#722ed1", "#52c41a", "#eb2f96", "#fa8c16", "#2f54eb", "#8c8c8c"];

const count = (v: unknown) => (typeof v === "number" ? formatCount(v) : String(v ?? ""));
/** "2026-W48" with its Monday under it: "W48\n11-23". */
const weekLabel = (w: WeekPoint) => `${w.week.slice(5)}\n${w.week_start.slice(5)}`;

type Labels = { series: string; axis: string; week: string };

function weekOption(weeks: WeekPoint[], kind: "bar" | "line", value: (w: WeekPoint) => number, color: string, l: Labels): EChartsCoreOption {
  return {
    color: [color],
    tooltip: {
      trigger: "axis",
      formatter: (items: { dataIndex: number; value: number }[]) => {
        const w = weeks[items[0]?.dataIndex ?? 0];
        return w ? `${w.week}（${l.week} ${w.week_start}）<br/>${l.series}：<b>${count(items[0].value)}</b>` : "";
      },
    },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: weeks.map(weekLabel), axisLabel: { fontSize: 11, hideOverlap: true } },
    yAxis: { type: "value", name: l.axis, nameTextStyle: { align: "left" }, minInterval: 1, axisLabel: { formatter: count } },
    series: [
      kind === "bar"
        ? { name: l.series, type: "bar", data: weeks.map(value), barMaxWidth: 24, itemStyle: { borderRadius: [3, 3, 0, 0] } }
        : { name: l.series, type: "line", data: weeks.map(value), smooth: true, symbolSize: 6, areaStyle: { opacity: 0.12 } },
    ],
  };
}

/** 每周发布笔记数: bars per ISO week. */
export const notesWeekOption = (weeks: WeekPoint[], l: Labels) => weekOption(weeks, "bar", (w) => w.notes, BRAND_RED, l);

/** 每周互动趋势: a line per ISO week. */
export const interactionsWeekOption = (weeks: WeekPoint[], l: Labels) => weekOption(weeks, "line", (w) => w.interactions, BLUE, l);

/** 门店排行: horizontal bars, the top store on top; the label carries the city. */
export function byStoreOption(stores: StoreSlice[], l: { notes: string; interactions: string }): EChartsCoreOption {
  const rows = stores.slice(0, 20).reverse();
  return {
    color: [BRAND_RED, BLUE],
    legend: { top: 0, right: 0 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: count },
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    xAxis: [
      { type: "value", position: "bottom", minInterval: 1, axisLabel: { formatter: count } },
      { type: "value", position: "top", show: false },
    ],
    yAxis: {
      type: "category",
      data: rows.map((s) => `${s.store_name}${s.city ? `（${s.city}）` : ""}`),
      axisLabel: { width: 150, overflow: "truncate", fontSize: 12 },
      axisTick: { show: false },
    },
    series: [
      { name: l.notes, type: "bar", data: rows.map((s) => s.notes), barMaxWidth: 12, xAxisIndex: 0 },
      { name: l.interactions, type: "bar", data: rows.map((s) => s.interactions), barMaxWidth: 12, xAxisIndex: 1 },
    ],
  };
}

/** 岗位分布: notes per 岗位 as bars (the B-11 order the core gives). */
export function byJobOption(slices: Slice[], l: { notes: string; interactions: string }): EChartsCoreOption {
  return {
    color: [BRAND_RED],
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (items: { dataIndex: number }[]) => {
        const s = slices[items[0]?.dataIndex ?? 0];
        return s ? `${s.label}<br/>${l.notes}：<b>${count(s.notes)}</b><br/>${l.interactions}：<b>${count(s.interactions)}</b>` : "";
      },
    },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: slices.map((s) => s.label), axisLabel: { interval: 0, fontSize: 12 } },
    yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: count } },
    series: [
      { name: l.notes, type: "bar", data: slices.map((s) => s.notes), barMaxWidth: 36, label: { show: true, position: "top", formatter: (p: { value: number }) => count(p.value) } },
    ],
  };
}

/** 内容方向 (S-4): a donut of notes per direction, the legend on the right. */
export function byDirectionOption(slices: Slice[], l: { notes: string; interactions: string }): EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number; percent: number }) => {
        const s = slices[p.dataIndex];
        return s ? `${s.label}<br/>${l.notes}：<b>${count(s.notes)}</b>（${p.percent}%）<br/>${l.interactions}：<b>${count(s.interactions)}</b>` : "";
      },
    },
    legend: { type: "scroll", orient: "vertical", right: 0, top: "middle", itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
    series: [
      {
        name: l.notes,
        type: "pie",
        radius: ["42%", "70%"],
        center: ["34%", "50%"],
        avoidLabelOverlap: true,
        label: { show: false },
        labelLine: { show: false },
        data: slices.map((s) => ({ name: s.label, value: s.notes })),
      },
    ],
  };
}

import type { EChartsCoreOption } from "echarts/core";
import type { MonthCount } from "../../api/commands.gen";
import type { Translate } from "../../i18n/LanguageProvider";

/** Stacked video/image note bars per month, interactions as a line on the right axis. */
export function monthlyChartOption(months: MonthCount[], t: Translate): EChartsCoreOption {
  const thousands = (v: number) => v.toLocaleString("en-US");
  return {
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? thousands(v) : String(v)) },
    legend: { top: 0 },
    grid: { left: 56, right: 64, top: 40, bottom: 32 },
    xAxis: { type: "category", data: months.map((m) => m.month) },
    yAxis: [
      { type: "value", name: t("overview.notesAxis"), axisLabel: { formatter: thousands } },
      { type: "value", name: t("overview.interactions"), splitLine: { show: false }, axisLabel: { formatter: thousands } },
    ],
    series: [
      { name: t("overview.video"), type: "bar", stack: "notes", data: months.map((m) => m.video) },
      { name: t("overview.image"), type: "bar", stack: "notes", data: months.map((m) => m.image) },
      { name: t("overview.interactions"), type: "line", yAxisIndex: 1, smooth: true, data: months.map((m) => m.interactions) },
    ],
  };
}

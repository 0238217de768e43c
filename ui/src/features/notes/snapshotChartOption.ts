import type { EChartsCoreOption } from "echarts/core";
import type { Snapshot } from "../../api/commands.gen";
import type { Lang, Translate } from "../../i18n/LanguageProvider";
import { FONT_STACK } from "../../fonts";


/** 互动量 as the deck counts it (点赞 + 收藏 + 评论), or the total the file gave when the parts are unknown. */
export const interactionsOf = (s: Snapshot) => s.interactions;

/** Daily snapshots: 曝光量 and 阅读量 on the left axis, 互动量 on the right (N-8 笔记详情). */
export function snapshotChartOption(snapshots: Snapshot[], t: Translate, lang: Lang): EChartsCoreOption {
  const thousands = (v: number) => v.toLocaleString("en-US");
  // axis labels stay short: 1.2万 in Chinese, 12K in English
  const short = new Intl.NumberFormat(lang === "en" ? "en-US" : "zh-CN", { notation: "compact", maximumFractionDigits: 1 });
  const compact = (v: number) => (v >= 10_000 ? short.format(v) : thousands(v));
  return {
    textStyle: { fontFamily: FONT_STACK },
    color: ["#ff2442", "#1677ff", "#faad14"],
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? thousands(v) : String(v)) },
    legend: { top: 0, textStyle: { fontSize: 13 } },
    grid: { left: 64, right: 64, top: 44, bottom: 28 },
    xAxis: { type: "category", boundaryGap: false, data: snapshots.map((s) => s.date.slice(5)), axisLabel: { fontSize: 12 } },
    yAxis: [
      { type: "value", name: t("detail.axisViews"), nameTextStyle: { fontSize: 12 }, axisLabel: { formatter: compact, fontSize: 12 } },
      {
        type: "value",
        name: t("notes.col.interactions"),
        nameTextStyle: { fontSize: 12 },
        splitLine: { show: false },
        axisLabel: { formatter: compact, fontSize: 12 },
      },
    ],
    series: [
      { name: t("notes.col.exposure"), type: "line", smooth: true, showSymbol: snapshots.length < 20, data: snapshots.map((s) => s.exposure) },
      { name: t("notes.col.reads"), type: "line", smooth: true, showSymbol: snapshots.length < 20, data: snapshots.map((s) => s.reads) },
      {
        name: t("notes.col.interactions"),
        type: "line",
        yAxisIndex: 1,
        smooth: true,
        showSymbol: snapshots.length < 20,
        lineStyle: { type: "dashed" },
        data: snapshots.map(interactionsOf),
      },
    ],
  };
}

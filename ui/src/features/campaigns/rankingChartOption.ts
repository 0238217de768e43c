import type { EChartsCoreOption } from "echarts/core";
import type { PersonAward } from "../../bindings";
import { formatCount } from "../../format/number";

/** I-2 top 10 as horizontal bars: rank 1 on top, names on the axis, totals as labels. */
export function rankingChartOption(people: PersonAward[]): EChartsCoreOption {
  const rows = [...people].sort((a, b) => a.rank - b.rank).reverse();
  return {
    grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: {
      type: "category",
      data: rows.map((p) => `${p.rank}. ${p.staff_name}`),
      axisLabel: { fontSize: 16, color: "#fff" },
      axisTick: { show: false },
    },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    series: [
      {
        type: "bar",
        data: rows.map((p) => p.total_interactions),
        barMaxWidth: 28,
        itemStyle: { color: "#ff2442", borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: "right", fontSize: 16, color: "#fff", formatter: (p: { value: number }) => formatCount(p.value) },
      },
    ],
  };
}

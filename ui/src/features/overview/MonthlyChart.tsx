import { Card, Empty } from "antd";
import { useMemo } from "react";
import type { MonthCount } from "../../api/commands.gen";
import { EChart, type EChartInstance } from "../../components/EChart";
import { useT } from "../../i18n/useT";
import { monthlyChartOption } from "./monthlyChartOption";

/** `onChart`: the chart once echarts has drawn it, null when it is gone. */
export function MonthlyChart({
  months,
  onChart,
}: {
  months: MonthCount[];
  onChart?: (chart: EChartInstance | null) => void;
}) {
  const t = useT();
  const option = useMemo(() => monthlyChartOption(months, t), [months, t]);
  return (
    <Card size="small" title={t("overview.chartTitle")}>
      {months.length === 0 ? (
        <Empty description={t("common.noData")} />
      ) : (
        <EChart option={option} testId="monthly-chart" onInstance={onChart} />
      )}
    </Card>
  );
}

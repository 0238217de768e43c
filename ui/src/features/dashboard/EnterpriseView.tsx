import { DatePicker, Skeleton, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo, useState } from "react";
import type { DashboardChart, EnterpriseDashboard } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { useT } from "../../i18n/useT";
import { ChartCard } from "./ChartCard";
import { byDirectionOption, byJobOption, byStoreOption, interactionsWeekOption, notesWeekOption } from "./chartOptions";
import { DashboardKpiCards } from "./DashboardKpiCards";
import { useEnterpriseDashboard } from "./hooks";
import { lastDays, toIsoDay, yearToDate, type DayRange } from "./range";
import { useChartDataExport } from "./useChartDataExport";
import "./dashboard.css";

/** 企业视角 (D-1): a date range, eight KPI cards and five charts, each exportable. */
export function EnterpriseView({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const [range, setRange] = useState<DayRange>(() => lastDays(90));
  const from = toIsoDay(range[0]);
  const to = toIsoDay(range[1]);
  const dashboard = useEnterpriseDashboard({ enterprise_id: enterpriseId, from, to });
  const exporter = useChartDataExport(enterpriseId, from, to);

  const presets = useMemo(
    () => [
      { label: t("dashboard.range.7"), value: lastDays(7) },
      { label: t("dashboard.range.30"), value: lastDays(30) },
      { label: t("dashboard.range.90"), value: lastDays(90) },
      { label: t("dashboard.range.year"), value: yearToDate() },
    ],
    [t],
  );

  return (
    <div className="page-stack">
      <div className="table-toolbar">
        <span>{t("dashboard.range")}</span>
        <span data-testid="dashboard-range">
          <DatePicker.RangePicker
          value={range}
          presets={presets}
          allowClear={false}
          format="YYYY-MM-DD"
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        </span>
        <Typography.Text type="secondary" className="small-note">
          {t("dashboard.rangeHint")}
        </Typography.Text>
      </div>
      {dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !dashboard.data ? (
        <Skeleton active />
      ) : (
        <DashboardBody enterpriseId={enterpriseId} data={dashboard.data} onExport={(chart, title) => void exporter.run(chart, title)} exporting={exporter.running} />
      )}
    </div>
  );
}

type BodyProps = { enterpriseId: number; data: EnterpriseDashboard; onExport: (chart: DashboardChart, title: string) => void; exporting: DashboardChart | null };

function DashboardBody({ enterpriseId, data, onExport, exporting }: BodyProps) {
  const t = useT();
  const notesLabel = t("dashboard.notes");
  const interactionsLabel = t("dashboard.interactions");
  const week = t("dashboard.weekOf");
  const noNotes = data.weeks.every((w) => w.notes === 0);
  const noInteractions = data.weeks.every((w) => w.interactions === 0);
  const options = useMemo(
    () => ({
      notesWeek: notesWeekOption(data.weeks, { series: notesLabel, axis: t("dashboard.axis.notes"), week }),
      interactionsWeek: interactionsWeekOption(data.weeks, { series: interactionsLabel, axis: t("dashboard.axis.interactions"), week }),
      byStore: byStoreOption(data.by_store, { notes: notesLabel, interactions: interactionsLabel }),
      byJob: byJobOption(data.by_job_title, { notes: notesLabel, interactions: interactionsLabel }),
      byDirection: byDirectionOption(data.by_direction, { notes: notesLabel, interactions: interactionsLabel }),
    }),
    [data, notesLabel, interactionsLabel, week, t],
  );
  const card = (id: string, chart: DashboardChart, title: string, option: EChartsCoreOption, empty: boolean, extraNote?: string, className?: string) => (
    <ChartCard
      id={id}
      enterpriseId={enterpriseId}
      title={title}
      extraNote={extraNote}
      option={option}
      empty={empty}
      onExportData={() => onExport(chart, title)}
      exporting={exporting === chart}
      className={className}
    />
  );
  return (
    <>
      <DashboardKpiCards kpis={data.kpis} />
      <div className="dashboard-grid">
        {card("notes-week", "notes_per_week", t("dashboard.chart.notesWeek"), options.notesWeek, noNotes)}
        {card("interactions-week", "interactions_per_week", t("dashboard.chart.interactionsWeek"), options.interactionsWeek, noInteractions)}
        {card("by-store", "by_store", t("dashboard.chart.byStore"), options.byStore, data.by_store.length === 0, t("dashboard.top20"), "dashboard-chart-wide")}
        {card("by-job", "by_job_title", t("dashboard.chart.byJob"), options.byJob, data.by_job_title.every((s) => s.notes === 0))}
        {card("by-direction", "by_direction", t("dashboard.chart.byDirection"), options.byDirection, data.by_direction.every((s) => s.notes === 0), t("dashboard.s4"))}
      </div>
    </>
  );
}

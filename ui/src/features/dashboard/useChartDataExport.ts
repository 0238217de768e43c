import { App } from "antd";
import { useState } from "react";
import type { DashboardChart } from "../../api/commands.gen";
import { pickSaveFile } from "../../api/files";
import { useErrorToast } from "../../api/useErrorToast";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import { useExportDashboardData } from "./hooks";

/** 导出数据: save dialog → the core writes that chart's rows for the range as XLSX (D-1). */
export function useChartDataExport(enterpriseId: number, from: string, to: string) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const exportData = useExportDashboardData();
  const [running, setRunning] = useState<DashboardChart | null>(null);

  const run = async (chart: DashboardChart, title: string) => {
    const target = await pickSaveFile(`${title}-${from}~${to}.xlsx`, [{ name: "Excel", extensions: ["xlsx"] }]).catch(showError);
    if (!target) return;
    setRunning(chart);
    exportData.mutate(
      { enterprise_id: enterpriseId, from, to, chart, file: target.token },
      {
        onSuccess: (r) => void message.success(t("dashboard.dataSaved", { rows: formatCount(r.rows), path: r.path })),
        onError: showError,
        onSettled: () => setRunning(null),
      },
    );
  };
  return { run, running };
}

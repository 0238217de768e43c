import { DownloadOutlined, FileExcelOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Space, Tooltip } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useRef } from "react";
import { EChart, type EChartInstance } from "../../components/EChart";
import { useT } from "../../i18n/useT";
import { todayStamp } from "../notes/labels";
import { saveChartPng } from "./chartImage";
import { useErrorToast } from "../../api/useErrorToast";
import "./dashboard.css";

type Props = {
  /** short id for test ids: chart-<id>, chart-export-png-<id>, chart-export-data-<id> */
  id: string;
  /** the brand whose dashboard this is: 导出图片 is checked against it (D-1) */
  enterpriseId: number;
  title: string;
  /** shown after the title, e.g. "前 20 家" */
  extraNote?: string;
  option: EChartsCoreOption;
  empty: boolean;
  /** 导出数据 (XLSX through the save dialog); absent: no data export */
  onExportData?: () => void;
  exporting?: boolean;
  className?: string;
};

/** A dashboard chart in a card with 导出图片 and 导出数据. */
export function ChartCard({ id, enterpriseId, title, extraNote, option, empty, onExportData, exporting, className }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const chart = useRef<EChartInstance | null>(null);

  const showError = useErrorToast();
  const exportPng = async () => {
    if (!chart.current) return;
    try {
      const saved = await saveChartPng(chart.current, enterpriseId, `${title}-${todayStamp()}.png`);
      if (saved) void message.success(t("dashboard.pngSaved", { name: saved }));
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      size="small"
      className={`dashboard-chart ${className ?? ""}`}
      data-testid={`chart-${id}`}
      title={
        <span>
          {title}
          {extraNote && <span className="dashboard-chart-note">{extraNote}</span>}
        </span>
      }
      extra={
        <Space size={4}>
          <Tooltip title={t("dashboard.exportPngHint")}>
            <Button size="small" icon={<DownloadOutlined />} disabled={empty} onClick={exportPng} data-testid={`chart-export-png-${id}`}>
              {t("dashboard.exportPng")}
            </Button>
          </Tooltip>
          {onExportData && (
            <Button size="small" icon={<FileExcelOutlined />} disabled={empty} loading={exporting} onClick={onExportData} data-testid={`chart-export-data-${id}`}>
              {t("dashboard.exportData")}
            </Button>
          )}
        </Space>
      }
    >
      {empty ? (
        <Empty className="dashboard-chart-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.noDataInRange")} />
      ) : (
        <EChart option={option} className="echart dashboard-echart" testId={`echart-${id}`} onInstance={(c) => (chart.current = c)} />
      )}
    </Card>
  );
}

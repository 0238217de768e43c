import { useEffect, useState } from "react";
import { Alert, App, Button, Modal, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { FileExcelOutlined } from "@ant-design/icons";
import type { FileRef, StoreSheetAction, StoreSheetReport, StoreSheetRow } from "../../api/commands.gen";
import { pickOpenFile } from "../../api/files";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useLang, useT } from "../../i18n/useT";
import type { MessageKey } from "../../i18n/zh";
import { useImportStoreSheet, usePreviewStoreSheet } from "./hooks";

const ACTION: Record<StoreSheetAction, { color: string; label: MessageKey }> = {
  create: { color: "green", label: "setup.sheet.create" },
  update: { color: "blue", label: "setup.sheet.update" },
  unchanged: { color: "default", label: "setup.sheet.unchanged" },
  refused: { color: "red", label: "setup.sheet.refused" },
};

/**
 * 导入门店表格 (U-2): choose the sheet, see every row's outcome (新增 / 更新 / 无变化 / 不能导入 with why) and the
 * declared-number warning, then apply it whole. A sheet with a refused row cannot be applied.
 */
export function StoreImportModal({ open, enterpriseId, onClose }: { open: boolean; enterpriseId: number; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const preview = usePreviewStoreSheet();
  const { reset: resetPreview } = preview; // stable (TanStack Query binds it once)
  const apply = useImportStoreSheet();
  const { reset: resetApply } = apply; // stable (TanStack Query binds it once)
  const [file, setFile] = useState<FileRef | null>(null);

  useEffect(() => {
    if (open) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the modal stays mounted (antd keeps it for its close animation) and opens again for another subject: its fields start empty
      setFile(null);
      resetPreview();
      resetApply();
    }
  }, [open, resetPreview, resetApply]);

  const choose = async () => {
    const picked = await pickOpenFile([{ name: t("setup.sheet.filter"), extensions: ["xlsx", "csv", "xls"] }]);
    if (!picked) return;
    setFile(picked);
    resetApply();
    preview.mutate({ enterprise_id: enterpriseId, file: picked.token });
  };

  const report: StoreSheetReport | undefined = preview.data;
  const confirm = () => {
    if (!report || !file) return;
    apply.mutate(
      { enterprise_id: enterpriseId, file: file.token, fingerprint: report.fingerprint },
      {
        onSuccess: (r) => {
          void message.success(t("setup.sheet.done", { created: r.created, updated: r.updated, unchanged: r.unchanged }));
          onClose();
        },
      },
    );
  };

  const columns: TableColumnsType<StoreSheetRow> = [
    { title: t("setup.sheet.row"), dataIndex: "row", width: 64, align: "right" },
    { title: t("stores.name"), dataIndex: "name", width: 140 },
    { title: t("stores.city"), dataIndex: "city", width: 70 },
    { title: t("stores.district"), dataIndex: "district", width: 90 },
    { title: t("stores.address"), dataIndex: "address", ellipsis: true },
    { title: t("setup.managerPhone"), dataIndex: "manager_phone_masked", width: 120, render: (v: string | null) => v ?? "—" },
    {
      title: t("setup.sheet.result"),
      dataIndex: "action",
      width: 100,
      render: (a: StoreSheetAction) => <Tag color={ACTION[a].color}>{t(ACTION[a].label)}</Tag>,
    },
    {
      title: t("setup.sheet.reason"),
      key: "reason",
      width: 300,
      render: (_: unknown, r) =>
        r.errors.length > 0 ? (
          <Typography.Text type="danger">{r.errors.map((e) => (lang === "en" ? e.message_en : e.message_zh)).join("；")}</Typography.Text>
        ) : r.changed.length > 0 ? (
          t("setup.sheet.changes", { fields: r.changed.join("、") })
        ) : (
          ""
        ),
    },
  ];

  return (
    <Modal
      open={open}
      width={1100}
      style={{ top: 24 }}
      title={t("setup.sheet.title")}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            type="primary"
            disabled={!report || report.refused > 0 || report.create + report.update === 0}
            loading={apply.isPending}
            onClick={confirm}
            data-testid="store-import-apply"
          >
            {t("setup.sheet.apply")}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t("setup.sheet.hint")}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<FileExcelOutlined />} onClick={() => void choose()} loading={preview.isPending} data-testid="store-import-pick">
          {file ? t("setup.sheet.pickAgain") : t("setup.sheet.pick")}
        </Button>
        {file && <Typography.Text data-testid="store-import-file">{file.name}</Typography.Text>}
      </Space>
      {preview.isError && <ErrorAlert error={preview.error} testId="store-import-error" />}
      {apply.isError && <ErrorAlert error={apply.error} testId="store-import-apply-error" />}
      {report && (
        <>
          <Alert
            type={report.refused > 0 ? "error" : "success"}
            showIcon
            data-testid="store-import-summary"
            title={t("setup.sheet.summary", { create: report.create, update: report.update, unchanged: report.unchanged, refused: report.refused })}
            description={report.refused > 0 ? t("setup.sheet.fixFirst") : undefined}
            style={{ marginBottom: 8 }}
          />
          {report.cap_warning && (
            <Alert
              type="warning"
              showIcon
              data-testid="store-import-cap"
              title={lang === "en" ? report.cap_warning.message_en : report.cap_warning.message_zh}
              style={{ marginBottom: 8 }}
            />
          )}
          <Table<StoreSheetRow>
            data-testid="store-import-rows"
            rowKey="row"
            size="small"
            columns={columns}
            dataSource={report.rows}
            pagination={false}
            // the footer stays on screen on a 768-pixel-high window
            scroll={{ y: "max(160px, calc(100vh - 440px))" }}
          />
        </>
      )}
    </Modal>
  );
}

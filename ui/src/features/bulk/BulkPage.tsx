import { Alert, App, Button, Card, Descriptions, Empty, Modal, Result, Space, Steps, Typography } from "antd";
import { CheckCircleOutlined, DownloadOutlined, FileExcelOutlined, FolderOpenOutlined, SendOutlined } from "@ant-design/icons";
import { useState } from "react";
import type { BulkReport, BulkSendResult, FileRef } from "../../api/commands.gen";
import { pickFolder, pickOpenFile, pickSaveFile } from "../../api/files";
import { errorText } from "../../api/apiError";
import { useErrorToast } from "../../api/useErrorToast";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { BulkRowsTable } from "./BulkRowsTable";
import { useBulkExport, useBulkSend, useBulkTemplate, useBulkValidate } from "./hooks";

/** The report after sending: rows the core could not send carry their new reasons, the rest are sent. */
export function withSendResult(report: BulkReport, result: BulkSendResult): BulkReport {
  const failed = new Map(result.failed.map((r) => [r.row, r]));
  const rows = report.rows.map((r) => failed.get(r.row) ?? (r.valid ? { ...r, sent: true } : r));
  return { ...report, rows, valid: rows.filter((r) => r.valid).length, invalid: rows.filter((r) => !r.valid).length };
}

/** 批量绑定 (B-16): download the template, validate a filled sheet with its proofs folder, send the valid rows. */
export function BulkPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const { current } = useEnterprise();
  const template = useBulkTemplate();
  const validate = useBulkValidate();
  const send = useBulkSend();
  const exportReport = useBulkExport();
  // what the user picked in the native dialogs: grants the core handed out, shown by name
  const [xlsxFile, setXlsxFile] = useState<FileRef | null>(null);
  const [proofsFolder, setProofsFolder] = useState<FileRef | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [sendResult, setSendResult] = useState<BulkSendResult | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (!current) return <Empty description={t("header.noEnterprise")} />;
  const enterpriseId = current.id;

  const downloadTemplate = async () => {
    const target = await pickSaveFile(t("bulk.templateFileName"), [{ name: "Excel", extensions: ["xlsx"] }]).catch(showError);
    if (!target) return;
    template.mutate(
      { file: target.token, enterprise_id: enterpriseId },
      { onSuccess: (file) => void message.success(t("bulk.templateSaved", { path: file.path })), onError: showError },
    );
  };

  const chooseXlsx = async () => {
    const file = await pickOpenFile([{ name: "Excel", extensions: ["xlsx"] }]).catch(showError);
    if (file) {
      setXlsxFile(file);
      setReport(null);
      setSendResult(null);
    }
  };

  const chooseProofs = async () => {
    const folder = await pickFolder().catch(showError);
    if (folder) {
      setProofsFolder(folder);
      setReport(null);
      setSendResult(null);
    }
  };

  const runValidate = () => {
    if (!xlsxFile || !proofsFolder) return;
    setSendResult(null);
    validate.mutate(
      { enterprise_id: enterpriseId, file: xlsxFile.token, proofs_folder: proofsFolder.token },
      { onSuccess: setReport },
    );
  };

  const runExport = async () => {
    if (!report) return;
    const target = await pickSaveFile(t("bulk.reportFileName"), [{ name: "Excel", extensions: ["xlsx"] }]).catch(showError);
    if (!target) return;
    exportReport.mutate(
      { batch_id: report.batch_id, file: target.token },
      { onSuccess: (file) => void message.success(t("bulk.reportSaved", { path: file.path })), onError: showError },
    );
  };

  const runSend = () => {
    if (!report) return;
    send.mutate(
      { enterprise_id: enterpriseId, batch_id: report.batch_id, signed: true },
      {
        onSuccess: (result) => {
          setConfirming(false);
          setSendResult(result);
          setReport(withSendResult(report, result));
        },
        onError: (error) => {
          setConfirming(false);
          showError(error);
        },
      },
    );
  };

  const validCount = report && !sendResult ? report.valid : 0;
  const step = sendResult ? 2 : report ? 2 : xlsxFile || proofsFolder ? 1 : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="bulk-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t("bulk.title")}
      </Typography.Title>
      <Steps
        current={step}
        items={[{ title: t("bulk.step.template") }, { title: t("bulk.step.validate") }, { title: t("bulk.step.send") }]}
      />

      <Card size="small" title={t("bulk.step.template")}>
        <Space wrap>
          <Typography.Text type="secondary">{t("bulk.templateHint")}</Typography.Text>
          <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => void downloadTemplate()} data-testid="bulk-template">
            {t("bulk.downloadTemplate")}
          </Button>
        </Space>
      </Card>

      <Card size="small" title={t("bulk.step.validate")}>
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("bulk.xlsx")}>
              <Space wrap>
                <Button icon={<FileExcelOutlined />} onClick={() => void chooseXlsx()} data-testid="bulk-choose-xlsx">
                  {t("bulk.chooseXlsx")}
                </Button>
                <Typography.Text data-testid="bulk-xlsx-path" type={xlsxFile ? undefined : "secondary"}>
                  {xlsxFile?.name ?? t("bulk.notChosen")}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t("bulk.proofsDir")}>
              <Space wrap>
                <Button icon={<FolderOpenOutlined />} onClick={() => void chooseProofs()} data-testid="bulk-choose-proofs">
                  {t("bulk.chooseProofs")}
                </Button>
                <Typography.Text data-testid="bulk-proofs-path" type={proofsFolder ? undefined : "secondary"}>
                  {proofsFolder?.name ?? t("bulk.notChosen")}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Space wrap>
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={!xlsxFile || !proofsFolder}
              loading={validate.isPending}
              onClick={runValidate}
              data-testid="bulk-validate"
            >
              {t("bulk.validate")}
            </Button>
            <Button icon={<DownloadOutlined />} disabled={!report} loading={exportReport.isPending} onClick={() => void runExport()} data-testid="bulk-export">
              {t("bulk.exportReport")}
            </Button>
          </Space>
          {validate.isError && (
            <Alert type="error" showIcon data-testid="bulk-validate-error" title={errorText(validate.error, lang, t("common.error"))} />
          )}
          {report && (
            <>
              <Typography.Text data-testid="bulk-summary">
                {t("bulk.summary", {
                  total: formatCount(report.rows.length),
                  valid: formatCount(report.valid),
                  invalid: formatCount(report.invalid),
                })}
                {report.examples_skipped > 0 && ` ${t("bulk.examplesSkipped", { n: formatCount(report.examples_skipped) })}`}
              </Typography.Text>
              <BulkRowsTable report={report} />
            </>
          )}
        </Space>
      </Card>

      <Card size="small" title={t("bulk.step.send")}>
        {sendResult ? (
          <Result
            data-testid="bulk-result"
            status={sendResult.failed.length ? "warning" : "success"}
            title={t("bulk.resultTitle", { sent: formatCount(sendResult.sent) })}
            subTitle={t("bulk.resultDetail", {
              failed: formatCount(sendResult.failed.length),
              skipped: formatCount(sendResult.skipped_invalid),
            })}
          />
        ) : (
          <Space wrap>
            <Typography.Text type="secondary">{t("bulk.sendHint")}</Typography.Text>
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={validCount === 0}
              onClick={() => setConfirming(true)}
              data-testid="bulk-send"
            >
              {t("bulk.send", { n: formatCount(validCount) })}
            </Button>
          </Space>
        )}
      </Card>

      <Modal
        open={confirming}
        title={t("bulk.confirmTitle", { n: formatCount(validCount) })}
        okText={t("bulk.confirmOk")}
        cancelText={t("common.cancel")}
        confirmLoading={send.isPending}
        onOk={runSend}
        onCancel={() => setConfirming(false)}
        okButtonProps={{ "data-testid": "bulk-confirm" }}
      >
        <Typography.Paragraph>{t("bulk.confirmBody")}</Typography.Paragraph>
      </Modal>
    </Space>
  );
}

import { Alert, Button, Space, Spin, Steps, Typography } from "antd";
import { FileExcelOutlined, ReloadOutlined, StopOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import type { Field, JobProgress, NoteFilePreview } from "../../../api/commands.gen";
import { errorText } from "../../../api/apiError";
import { pickOpenFile } from "../../../api/files";
import { queryKeys } from "../../../api/queryKeys";
import { useErrorToast } from "../../../api/useErrorToast";
import { QueryError } from "../../../components/QueryError";
import { useLang, useT } from "../../../i18n/useT";
import { useCancelJob, useJob, usePreviewNoteFile, useStartNoteImport } from "../hooks";
import { JobProgressBar } from "../JobProgressBar";
import { jobError, missingFields } from "../labels";
import { ImportPreview } from "./ImportPreview";
import { ImportSummary } from "./ImportSummary";
import { beijingToday } from "../../../format/dateTime";
import "../notes.css";

/** N-1: choose a platform export → check the columns → import in the background → the row report. */
export function ImportWizard({ enterpriseId, onShowNotes }: { enterpriseId: number; onShowNotes: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const client = useQueryClient();
  const showError = useErrorToast();
  const previewFile = usePreviewNoteFile();
  const startImport = useStartNoteImport();
  const cancel = useCancelJob();
  // the open grant of the file the user picked: the preview and the import both read it
  const [file, setFile] = useState<string | null>(null);
  const [preview, setPreview] = useState<NoteFilePreview | null>(null);
  const [mapping, setMapping] = useState<(Field | null)[]>([]);
  const [dataDate, setDataDate] = useState<Dayjs>(() => dayjs(beijingToday()));
  const [started, setStarted] = useState<JobProgress | null>(null);
  const job = useJob(started);
  const current = started ? (job.data ?? started) : null;
  const finished = current !== null && current.state !== "running";

  // once the import ends every note list, count and import list, the campaign boards and leader views
  // (I-1..I-3) and the dashboards (D-1) may have changed
  useEffect(() => {
    if (!finished) return;
    for (const queryKey of [queryKeys.notesAll, queryKeys.campaignsAll, queryKeys.dashboardAll]) void client.invalidateQueries({ queryKey });
  }, [finished, client]);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setMapping([]);
    setStarted(null);
    previewFile.reset();
    startImport.reset();
  };

  const choose = async () => {
    const chosen = await pickOpenFile([{ name: t("import.fileFilter"), extensions: ["csv", "xlsx"] }]).catch(showError);
    if (!chosen) return;
    reset();
    setFile(chosen.token);
    previewFile.mutate(
      { enterprise_id: enterpriseId, file: chosen.token },
      {
        onSuccess: (p) => {
          setPreview(p);
          setMapping(p.preview.mapping);
        },
      },
    );
  };

  /** One field fills one column: choosing it here takes it away from the column that had it. */
  const map = (column: number, field: Field | null) =>
    setMapping((m) => m.map((f, i) => (i === column ? field : field !== null && f === field ? null : f)));

  const start = () => {
    if (!file) return;
    startImport.mutate(
      { enterprise_id: enterpriseId, file, mapping, data_date: dataDate.format("YYYY-MM-DD") },
      { onSuccess: setStarted },
    );
  };

  const step = current ? (finished ? 3 : 2) : preview ? 1 : 0;
  const missing = preview ? missingFields(mapping) : [];
  // the same file and data date being imported right now (the core refuses a second run)
  const blockedByRunning = preview?.earlier.some((i) => i.status === "running" && i.data_date === dataDate.format("YYYY-MM-DD")) ?? false;

  return (
    <div className="page-stack" data-testid="import-wizard">
      <Steps
        size="small"
        current={step}
        items={[{ title: t("import.step.choose") }, { title: t("import.step.map") }, { title: t("import.step.run") }, { title: t("import.step.done") }]}
      />

      {!current && !preview && (
        <div className="import-choose">
          <FileExcelOutlined className="import-choose-icon" />
          <Typography.Text>{t("import.chooseHint")}</Typography.Text>
          <Typography.Text type="secondary" className="small-note">
            {t("import.chooseDetail")}
          </Typography.Text>
          <Button type="primary" icon={<UploadOutlined />} loading={previewFile.isPending} onClick={() => void choose()} data-testid="import-choose-file">
            {t("import.chooseFile")}
          </Button>
        </div>
      )}

      {previewFile.isPending && <Spin className="centered-block" description={t("import.reading")} />}
      {previewFile.isError && (
        <Alert type="error" showIcon data-testid="import-preview-error" title={errorText(previewFile.error, lang, t("common.error"))} />
      )}

      {preview && !current && (
        <>
          <ImportPreview preview={preview} mapping={mapping} onMap={map} dataDate={dataDate} onDataDate={setDataDate} />
          {startImport.isError && (
            <Alert type="error" showIcon data-testid="import-start-error" title={errorText(startImport.error, lang, t("common.error"))} />
          )}
          <div className="drawer-actions">
            <Button icon={<UploadOutlined />} onClick={() => void choose()} data-testid="import-choose-file">
              {t("import.chooseAnother")}
            </Button>
            <span className="toolbar-spacer" />
            <Button onClick={reset}>{t("common.cancel")}</Button>
            <Button
              type="primary"
              disabled={missing.length > 0 || blockedByRunning}
              loading={startImport.isPending}
              onClick={start}
              data-testid="import-start"
            >
              {t("import.start", { n: preview.preview.rows.toLocaleString("en-US") })}
            </Button>
          </div>
        </>
      )}

      {current && (
        <div className="page-stack">
          <JobProgressBar job={current} testId="import-progress" />
          {job.isError && <QueryError error={job.error} onRetry={() => void job.refetch()} />}
          {current.state === "running" && (
            <Space>
              <Button
                danger
                icon={<StopOutlined />}
                loading={cancel.isPending}
                onClick={() => cancel.mutate(current.id, { onError: showError })}
                data-testid="import-cancel"
              >
                {t("job.cancel")}
              </Button>
              <Typography.Text type="secondary" className="small-note">
                {t("import.cancelHint")}
              </Typography.Text>
            </Space>
          )}
          {current.state === "failed" && <Alert type="error" showIcon title={jobError(current, lang) ?? t("common.error")} />}
          {finished && current.import_id !== null && (
            <ImportSummary
              importId={current.import_id}
              // back to the mapping of the same file, to map the columns this import ignored and import again
              onRemap={
                preview
                  ? () => {
                      setStarted(null);
                      startImport.reset();
                    }
                  : undefined
              }
            />
          )}
          {finished && (
            <div className="drawer-actions">
              <Button icon={<ReloadOutlined />} onClick={reset} data-testid="import-again">
                {t("import.again")}
              </Button>
              <Button type="primary" onClick={onShowNotes} data-testid="import-show-notes">
                {t("import.showNotes")}
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

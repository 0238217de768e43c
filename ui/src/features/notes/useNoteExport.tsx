import { Alert, App, Button, Modal } from "antd";
import { useEffect, useState } from "react";
import type { JobProgress, ListNotesArgs } from "../../api/commands.gen";
import { errorText } from "../../api/apiError";
import { useErrorToast } from "../../api/useErrorToast";
import { QueryError } from "../../components/QueryError";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import { isIndexing, useCancelJob, useJob, useStartNoteExport } from "./hooks";
import { JobProgressBar } from "./JobProgressBar";
import { chooseExportPath } from "./exportList";
import { jobError } from "./labels";

/** 导出 (N-3): save dialog → the core writes the list as filtered and sorted in the background → progress. */
export function useNoteExport(fileStem: string) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const start = useStartNoteExport();
  const cancel = useCancelJob();
  const [started, setStarted] = useState<JobProgress | null>(null);
  const job = useJob(started);
  const current = started ? (job.data ?? started) : null;

  // a finished export says where the file is and closes; a failed one stays open with the reason
  useEffect(() => {
    if (!current || current.state === "running") return;
    if (current.state === "done") {
      void message.success(t("export.done", { rows: formatCount(current.done), path: current.path ?? "" }));
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the job's end arrives from the core's poll (an outside system): the dialog closes on it
      setStarted(null);
    } else if (current.state === "cancelled") {
      void message.info(t("export.cancelled"));
      setStarted(null);
    }
  }, [current, message, t]);

  const run = async (list: ListNotesArgs) => {
    const target = await chooseExportPath(fileStem).catch(showError);
    if (!target) return;
    const { file, format } = target;
    start.mutate(
      { list, format, file },
      {
        onSuccess: setStarted,
        // a big import is rebuilding the indexes: say so calmly, the export can be started again shortly
        onError: (error) => (isIndexing(error) ? void message.info(errorText(error, lang, t("common.error"))) : showError(error)),
      },
    );
  };

  const running = current?.state === "running";
  const dialog = (
    <Modal
      open={current !== null}
      title={t("export.title")}
      closable={!running}
      mask={{ closable: false }}
      onCancel={() => setStarted(null)}
      footer={
        running ? (
          <Button danger loading={cancel.isPending} onClick={() => current && cancel.mutate(current.id, { onError: showError })} data-testid="export-cancel">
            {t("job.cancel")}
          </Button>
        ) : (
          <Button onClick={() => setStarted(null)}>{t("common.close")}</Button>
        )
      }
    >
      {current && (
        <div className="page-stack">
          <JobProgressBar job={current} testId="export-progress" />
          {job.isError && <QueryError error={job.error} onRetry={() => void job.refetch()} />}
          {current.state === "failed" && <Alert type="error" showIcon title={jobError(current, lang) ?? t("common.error")} />}
          {current.path && <span className="small-note mono">{current.path}</span>}
        </div>
      )}
    </Modal>
  );
  return { run, starting: start.isPending || running, dialog };
}

import { Progress, Typography } from "antd";
import type { JobProgress } from "../../api/commands.gen";
import { formatSeconds } from "../../format/duration";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import { jobPercent, jobPhase } from "./labels";
import "./notes.css";

/** "已处理 X / Y 行 · Z 行/秒 · 预计剩余 N 秒" with the phase the core reports (导入, 建立索引, 保存文件). */
export function JobProgressBar({ job, testId }: { job: JobProgress; testId: string }) {
  const t = useT();
  const { lang } = useLang();
  const parts = [t("job.processed", { done: formatCount(job.done), total: formatCount(job.total) })];
  if (job.state === "running" && job.rows_per_sec > 0) parts.push(t("job.speed", { n: formatCount(job.rows_per_sec) }));
  if (job.state === "running" && job.eta_secs !== null) parts.push(t("job.eta", { time: formatSeconds(job.eta_secs, t) }));
  const status = job.state === "failed" ? "exception" : job.state === "done" ? "success" : job.state === "running" ? "active" : "normal";
  return (
    <div className="job-progress" data-testid={testId} data-state={job.state}>
      <Progress percent={jobPercent(job)} status={status} />
      <Typography.Text className="num" data-testid={`${testId}-text`}>
        {parts.join(" · ")}
      </Typography.Text>
      <Typography.Text type="secondary" data-testid={`${testId}-phase`}>
        {jobPhase(job, lang)}
      </Typography.Text>
    </div>
  );
}

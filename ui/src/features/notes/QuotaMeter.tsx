import { Progress, Skeleton, Tooltip } from "antd";
import { useT } from "../../i18n/useT";
import { useReviewQuota } from "./hooks";
import "./notes.css";

/** "本月剩余可发起审核申请笔记额度 X/1000" (N-5), with a bar of what is used. */
export function QuotaMeter({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const quota = useReviewQuota(enterpriseId);
  if (quota.isPending) return <Skeleton.Input active size="small" className="quota-skeleton" />;
  if (quota.isError) return <span className="quota-meter quota-error" data-testid="quota-meter">{t("notes.quotaUnavailable")}</span>;
  const { remaining, limit, used, month } = quota.data;
  const usedPercent = limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 100;
  return (
    <Tooltip title={t("notes.quotaHint", { month, used, limit })}>
      <div className="quota-meter" data-testid="quota-meter">
        <span className="quota-text">
          {t("notes.quotaLabel")}
          <strong className={`num ${remaining === 0 ? "quota-empty" : ""}`}>{` ${remaining}/${limit}`}</strong>
        </span>
        <Progress
          className="quota-bar"
          percent={usedPercent}
          showInfo={false}
          size="small"
          status={remaining === 0 ? "exception" : "normal"}
          aria-label={t("notes.quotaLabel")}
        />
      </div>
    </Tooltip>
  );
}

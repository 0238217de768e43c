import { Alert, Card, Empty, Progress, Skeleton, Table, Tag, Typography, type TableColumnsType } from "antd";
import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import type { EligibilityCheck } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { UntilCountdown } from "../../components/UntilCountdown";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import { useEligibility } from "../bindings/hooks";
import { useEnterprise } from "../session/EnterpriseProvider";
import "./eligibility.css";

/** 企业资质 (B-1, B-3, B-15): may the brand send binding invitations now, and if not why and until when. */
export function EligibilityPage() {
  const t = useT();
  const { lang } = useLang();
  const { current } = useEnterprise();
  const eligibility = useEligibility(current?.id);

  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  if (eligibility.isError) return <QueryError error={eligibility.error} onRetry={() => void eligibility.refetch()} />;
  if (!eligibility.data) return <Skeleton active />;
  const e = eligibility.data;
  const en = lang === "en";

  const columns: TableColumnsType<EligibilityCheck> = [
    {
      title: t("eligibility.result"),
      dataIndex: "passed",
      width: 100,
      render: (passed: boolean) =>
        passed ? (
          <Typography.Text type="success">
            <CheckCircleFilled /> {t("eligibility.passed")}
          </Typography.Text>
        ) : (
          <Typography.Text type="danger">
            <CloseCircleFilled /> {t("eligibility.failed")}
          </Typography.Text>
        ),
    },
    { title: t("eligibility.check"), key: "label", width: 220, render: (_: unknown, c) => (en ? c.label_en : c.label_zh) },
    {
      title: t("eligibility.detail"),
      key: "detail",
      render: (_: unknown, c) => (
        <>
          <Typography.Text type={c.passed ? undefined : "danger"}>{en ? c.detail_en : c.detail_zh}</Typography.Text>
          {c.available_from && (
            <div>
              <UntilCountdown until={c.available_from} testId={`eligibility-until-${c.key}`} />
            </div>
          )}
        </>
      ),
    },
    { title: t("eligibility.rule"), dataIndex: "rule_id", width: 90, render: (v: string) => <Tag color="geekblue">{v}</Tag> },
  ];

  const percent = e.staff_account_cap > 0 ? Math.min(100, Math.round((e.staff_accounts_used / e.staff_account_cap) * 100)) : 100;

  return (
    <div className="page-stack" data-testid="eligibility-page">
      <Alert
        type={e.can_invite ? "success" : "warning"}
        showIcon
        data-testid="eligibility-summary"
        title={e.can_invite ? t("eligibility.ok") : t("eligibility.notOk")}
        description={
          e.blocked_until ? (
            <span data-testid="eligibility-blocked">
              {t("eligibility.blockedUntil")} <UntilCountdown until={e.blocked_until} testId="eligibility-until" />
            </span>
          ) : undefined
        }
      />
      <Card size="small" title={`${current.name} · ${t("eligibility.title")}`}>
        <Table<EligibilityCheck>
          data-testid="eligibility-checks"
          rowKey="key"
          size="middle"
          columns={columns}
          dataSource={e.checks}
          pagination={false}
          rowClassName={(c) => (c.passed ? "" : "row-failed")}
          onRow={(c) => ({ "data-testid": `eligibility-check-${c.key}` }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
      <Card size="small" title={t("eligibility.usage")}>
        <div className="usage">
          <Typography.Text strong className="num usage-text" data-testid="eligibility-usage">
            {t("eligibility.usageText", { used: formatCount(e.staff_accounts_used), cap: formatCount(e.staff_account_cap) })}
          </Typography.Text>
          <Progress percent={percent} status={percent >= 100 ? "exception" : "normal"} showInfo={false} className="usage-bar" />
        </div>
        <Typography.Text type="secondary">{t("eligibility.usageHint")}</Typography.Text>
      </Card>
    </div>
  );
}

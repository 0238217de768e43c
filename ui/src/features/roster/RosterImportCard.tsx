import { Alert, Button, Card, Checkbox, Modal, Result, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from "antd";
import { CheckCircleOutlined, FileExcelOutlined, FileSearchOutlined } from "@ant-design/icons";
import { useState } from "react";
import type { FileRef, RosterApplied, RosterChange, RosterChangeKind, RosterPreview, RosterRowError } from "../../api/commands.gen";
import { pickOpenFile } from "../../api/files";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useErrorToast } from "../../api/useErrorToast";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import type { MessageKey } from "../../i18n/zh";
import { DepartureSteps } from "./DepartureSteps";
import { useRosterApply, useRosterPreview } from "./hooks";

const KIND: Record<RosterChangeKind, { label: MessageKey; color: string }> = {
  new: { label: "roster.kind.new", color: "green" },
  changed: { label: "roster.kind.changed", color: "blue" },
  left: { label: "roster.kind.left", color: "red" },
};

/**
 * 导入花名册 (U-2): pick the HR sheet (XLSX or CSV, UTF-8 or GBK), see what it would change — new, moved, new
 * 岗位 or phone, left — and the rows it cannot take with why; confirm to apply exactly that plan.
 */
export function RosterImportCard({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const { lang } = useLang();
  const showError = useErrorToast();
  const preview = useRosterPreview();
  const apply = useRosterApply();
  const [file, setFile] = useState<FileRef | null>(null);
  const [complete, setComplete] = useState(false);
  const [plan, setPlan] = useState<RosterPreview | null>(null);
  const [applied, setApplied] = useState<RosterApplied | null>(null);
  const [confirming, setConfirming] = useState(false);

  const choose = async () => {
    const f = await pickOpenFile([{ name: t("roster.sheetFilter"), extensions: ["xlsx", "csv"] }]).catch(showError);
    if (f) {
      setFile(f);
      setPlan(null);
      setApplied(null);
      preview.reset();
      apply.reset();
    }
  };
  const runPreview = () => {
    if (!file) return;
    setApplied(null);
    apply.reset();
    preview.mutate({ enterprise_id: enterpriseId, file: file.token, complete }, { onSuccess: setPlan });
  };
  const runApply = () => {
    if (!file || !plan) return;
    apply.mutate(
      { enterprise_id: enterpriseId, file: file.token, complete, plan: plan.plan },
      {
        onSuccess: (r) => {
          setConfirming(false);
          setApplied(r);
          setPlan(null);
        },
        onError: () => setConfirming(false),
      },
    );
  };

  const changeColumns: TableColumnsType<RosterChange> = [
    { title: t("roster.col.kind"), dataIndex: "kind", width: 76, render: (k: RosterChangeKind) => <Tag color={KIND[k].color}>{t(KIND[k].label)}</Tag> },
    { title: t("roster.col.line"), dataIndex: "line", width: 64, align: "right", render: (v: number | null) => <span className="num">{v ?? "—"}</span> },
    { title: t("roster.col.no"), dataIndex: "employee_no", width: 96, render: (v: string | null) => <span className="mono">{v ?? "—"}</span> },
    { title: t("staff.name"), dataIndex: "name", width: 96 },
    { title: t("staff.store"), dataIndex: "store_name", width: 150 },
    {
      title: t("roster.col.changes"),
      key: "changes",
      render: (_: unknown, c) =>
        c.kind === "new" ? (
          <Typography.Text type="secondary">
            {c.changes.map((f) => `${lang === "en" ? f.field_en : f.field}：${f.after}`).join(" · ")}
          </Typography.Text>
        ) : (
        <Space orientation="vertical" size={0}>
          {c.changes.map((f) => (
            <span key={f.field}>
              {lang === "en" ? f.field_en : f.field}：{f.before || "—"} → <b>{f.after || "—"}</b>
            </span>
          ))}
          {c.live_bindings > 0 && <Tag color="orange">{t("roster.liveBindings", { n: c.live_bindings })}</Tag>}
        </Space>
      ),
    },
  ];
  const errorColumns: TableColumnsType<RosterRowError> = [
    { title: t("roster.col.line"), dataIndex: "line", width: 64, align: "right", render: (v: number) => <span className="num">{v}</span> },
    { title: t("roster.col.column"), dataIndex: "column", width: 90 },
    { title: t("roster.col.value"), dataIndex: "value", width: 160, render: (v: string) => <span className="mono">{v || "—"}</span> },
    { title: t("roster.col.reason"), key: "reason", render: (_: unknown, e) => (lang === "en" ? e.reason_en : e.reason) },
  ];

  const hasChanges = plan !== null && plan.new_count + plan.changed_count + plan.left_count > 0;
  return (
    <Card size="small" title={t("roster.title")} data-testid="roster-card">
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">{t("roster.hint")}</Typography.Text>
        <Space wrap>
          <Button icon={<FileExcelOutlined />} onClick={() => void choose()} data-testid="roster-choose">
            {t("roster.choose")}
          </Button>
          <Typography.Text data-testid="roster-file" type={file ? undefined : "secondary"}>
            {file?.name ?? t("bulk.notChosen")}
          </Typography.Text>
          <Checkbox checked={complete} onChange={(e) => { setComplete(e.target.checked); setPlan(null); }} data-testid="roster-complete">
            {t("roster.complete")}
          </Checkbox>
          <Button type="primary" icon={<FileSearchOutlined />} disabled={!file} loading={preview.isPending} onClick={runPreview} data-testid="roster-preview">
            {t("roster.preview")}
          </Button>
        </Space>
        {preview.isError && <ErrorAlert error={preview.error} testId="roster-preview-error" />}
        {apply.isError && <ErrorAlert error={apply.error} testId="roster-apply-error" />}
        {plan && (
          <>
            <Alert
              type={plan.error_count ? "error" : hasChanges ? "info" : "success"}
              showIcon
              data-testid="roster-summary"
              title={t("roster.summary", {
                rows: formatCount(plan.rows_read),
                new: formatCount(plan.new_count),
                changed: formatCount(plan.changed_count),
                left: formatCount(plan.left_count),
                same: formatCount(plan.unchanged_count),
              })}
              description={plan.error_count ? t("roster.hasErrors", { n: formatCount(plan.error_count) }) : undefined}
            />
            <Tabs
              defaultActiveKey={plan.error_count ? "errors" : "changes"}
              items={[
                {
                  key: "changes",
                  label: t("roster.tab.changes", { n: formatCount(plan.new_count + plan.changed_count + plan.left_count) }),
                  children: (
                    <Table<RosterChange>
                      data-testid="roster-changes"
                      rowKey={(c) => `${c.kind}-${c.line ?? "x"}-${c.staff_id ?? c.employee_no}`}
                      size="small"
                      columns={changeColumns}
                      dataSource={plan.changes}
                      pagination={{ pageSize: 10, showSizeChanger: false }}
                      scroll={{ x: 800 }}
                      locale={{ emptyText: t("roster.noChanges") }}
                    />
                  ),
                },
                {
                  key: "errors",
                  label: t("roster.tab.errors", { n: formatCount(plan.error_count) }),
                  children: (
                    <Table<RosterRowError>
                      data-testid="roster-errors"
                      rowKey={(e) => `${e.line}-${e.column}`}
                      size="small"
                      columns={errorColumns}
                      dataSource={plan.errors}
                      pagination={{ pageSize: 10, showSizeChanger: false }}
                      locale={{ emptyText: t("roster.noErrors") }}
                    />
                  ),
                },
              ]}
            />
            <Space>
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                disabled={plan.error_count > 0 || !hasChanges}
                onClick={() => setConfirming(true)}
                data-testid="roster-apply"
              >
                {t("roster.apply")}
              </Button>
              {plan.error_count > 0 && <Typography.Text type="danger">{t("roster.fixFirst")}</Typography.Text>}
            </Space>
          </>
        )}
        {applied && (
          <>
            <Result
              data-testid="roster-applied"
              status="success"
              title={t("roster.applied", {
                new: formatCount(applied.created),
                changed: formatCount(applied.changed),
                left: formatCount(applied.left),
              })}
              subTitle={applied.leavers.length ? t("roster.leaversHint", { n: applied.leavers.length }) : undefined}
            />
            {applied.leavers.map((d) => (
              <Card key={d.staff_id} size="small" type="inner" title={`${d.name}（${d.employee_no ?? "—"}，${d.store_name}）`}>
                <DepartureSteps departure={d} enterpriseId={enterpriseId} testId={`roster-leaver-${d.staff_id}`} />
              </Card>
            ))}
          </>
        )}
      </Space>
      <Modal
        open={confirming}
        title={t("roster.confirmTitle")}
        okText={t("roster.apply")}
        cancelText={t("common.cancel")}
        confirmLoading={apply.isPending}
        onOk={runApply}
        onCancel={() => setConfirming(false)}
        okButtonProps={{ "data-testid": "roster-confirm" }}
      >
        {plan && (
          <Typography.Paragraph>
            {t("roster.confirmBody", {
              new: formatCount(plan.new_count),
              changed: formatCount(plan.changed_count),
              left: formatCount(plan.left_count),
            })}
          </Typography.Paragraph>
        )}
      </Modal>
    </Card>
  );
}

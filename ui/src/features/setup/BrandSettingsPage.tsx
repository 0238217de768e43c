import { useEffect, useState } from "react";
import { App, Button, Card, Empty, Form, Input, Skeleton, Space, Tag, Typography } from "antd";
import { QueryError } from "../../components/QueryError";
import { useErrorToast } from "../../api/useErrorToast";
import { useT } from "../../i18n/useT";
import { useOverview } from "../overview/hooks";
import { useEnterprise } from "../session/EnterpriseProvider";
import { EligibilityPage } from "../eligibility/EligibilityPage";
import { BrandFields, toFacts, valuesOf, type BrandFormValues } from "./BrandFields";
import { ReasonPrompt } from "./ReasonPrompt";
import { useReportAgency, useUnreportAgency, useUpdateBrand } from "./hooks";

/**
 * 品牌设置 (U-1, B-21): the administrator edits the brand's facts with a reason (history keeps before and
 * after) and reports or withdraws its agency; the B-1 checklist below follows each edit at once.
 */
export function BrandSettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const { current } = useEnterprise();
  const overview = useOverview(current?.id);
  const update = useUpdateBrand();
  const report = useReportAgency();
  const unreport = useUnreportAgency();
  const [form] = Form.useForm<BrandFormValues & { reason: string }>();
  const [agencyName, setAgencyName] = useState("");
  const [withdraw, setWithdraw] = useState<string | null>(null);
  const enterprise = overview.data?.enterprise;

  useEffect(() => {
    if (enterprise) form.setFieldsValue({ ...valuesOf(enterprise), reason: "" });
  }, [enterprise, form]);

  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  if (!enterprise) return <Skeleton active />;

  const save = () =>
    form.validateFields().then(
      (v) =>
        update.mutate(
          { enterprise_id: enterprise.id, facts: toFacts(v), reason: v.reason.trim() },
          { onSuccess: () => void message.success(t("setup.brandSaved")), onError: showError },
        ),
      () => undefined,
    );

  const addAgency = () =>
    report.mutate(
      { enterprise_id: enterprise.id, agency_name: agencyName.trim() },
      {
        onSuccess: () => {
          setAgencyName("");
          void message.success(t("setup.agencyReported", { name: agencyName.trim() }));
        },
        onError: showError,
      },
    );

  return (
    <div className="page-stack" data-testid="brand-settings-page">
      <Card size="small" title={`${enterprise.name} · ${t("setup.brandFacts")}`}>
        <Form form={form} layout="vertical" data-testid="brand-edit-form">
          <BrandFields />
          <Form.Item
            name="reason"
            label={t("setup.reason")}
            rules={[{ required: true, whitespace: true, message: t("setup.reasonRequired") }]}
            extra={t("setup.reasonHistoryHint")}
          >
            <Input.TextArea rows={2} maxLength={500} placeholder={t("setup.reasonPlaceholder")} data-testid="brand-reason" />
          </Form.Item>
          <Button type="primary" onClick={save} loading={update.isPending} data-testid="brand-save">
            {t("common.save")}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t("setup.agenciesTitle")}>
        <Typography.Paragraph type="secondary">{t("setup.agenciesHint")}</Typography.Paragraph>
        <div style={{ marginBottom: 12 }} data-testid="brand-agencies">
          {enterprise.agencies.length === 0 ? (
            <Typography.Text type="secondary">{t("overview.noAgencies")}</Typography.Text>
          ) : (
            <Space size={[8, 8]} wrap>
              {enterprise.agencies.map((name) => (
                <Tag
                  key={name}
                  color="purple"
                  closable
                  onClose={(e) => {
                    e.preventDefault();
                    setWithdraw(name);
                  }}
                >
                  {name}
                </Tag>
              ))}
            </Space>
          )}
        </div>
        <Space.Compact style={{ width: 420, maxWidth: "100%" }}>
          <Input
            value={agencyName}
            maxLength={60}
            placeholder={t("setup.agencyPlaceholder")}
            onChange={(e) => setAgencyName(e.target.value)}
            data-testid="agency-name"
          />
          <Button type="primary" disabled={!agencyName.trim()} loading={report.isPending} onClick={addAgency} data-testid="agency-report">
            {t("setup.reportAgency")}
          </Button>
        </Space.Compact>
      </Card>
      <EligibilityPage />
      <ReasonPrompt
        open={withdraw !== null}
        title={t("setup.unreportTitle", { name: withdraw ?? "" })}
        text={t("setup.unreportText")}
        okText={t("setup.unreport")}
        danger
        saving={unreport.isPending}
        onCancel={() => setWithdraw(null)}
        onConfirm={(reason) =>
          unreport.mutate(
            { enterprise_id: enterprise.id, agency_name: withdraw ?? "", reason },
            { onSuccess: () => setWithdraw(null), onError: showError },
          )
        }
      />
    </div>
  );
}

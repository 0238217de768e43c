import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo } from "react";
import type { AwardRules, Campaign, CampaignScope, RuleSetting } from "../../api/commands.gen";
import { useT } from "../../i18n/useT";
import type { MessageKey } from "../../i18n/zh";
import { useRuleSettings } from "../rules/hooks";
import { useStores } from "../stores/hooks";
import "./campaigns.css";

/** The deck's scheme, used when the rule settings do not name a value. */
export const FALLBACK_RULES: AwardRules = {
  count_shares: false,
  viral_min_interactions: 100,
  viral_top_n: 5,
  viral_award_yuan: 1000,
  ranking_top_n: 10,
  ranking_award_yuan: 500,
  honour_top_n: 3,
  ranking_stacks_with_viral: true,
  organic_only: false,
  jump_note_factor: 5,
  jump_person_factor: 3,
};

const NUMBER_FIELDS: { name: keyof AwardRules; label: MessageKey; max?: number }[] = [
  { name: "viral_min_interactions", label: "campaigns.form.viralMin" },
  { name: "viral_top_n", label: "campaigns.form.viralTop" },
  { name: "viral_award_yuan", label: "campaigns.form.viralYuan" },
  { name: "ranking_top_n", label: "campaigns.form.rankingTop" },
  { name: "ranking_award_yuan", label: "campaigns.form.rankingYuan" },
  { name: "honour_top_n", label: "campaigns.form.honourTop" },
  // fairness: how far above a person's own history a note or total is flagged for a second look
  { name: "jump_note_factor", label: "campaigns.form.jumpNote", max: 100 },
  { name: "jump_person_factor", label: "campaigns.form.jumpPerson", max: 100 },
];

/** The brand's rule settings (same keys as AwardRules) over the deck's defaults. */
export function rulesFromSettings(settings: RuleSetting[] | undefined): AwardRules {
  const rules: AwardRules = { ...FALLBACK_RULES };
  for (const s of settings ?? []) {
    if (s.key in rules && typeof rules[s.key as keyof AwardRules] === "number") {
      (rules as Record<string, number | boolean>)[s.key] = s.value;
    }
  }
  return rules;
}

type ScopeMode = "all" | "stores" | "cities";

export type CampaignFormValues = {
  name: string;
  start_date: string;
  end_date: string;
  scope: CampaignScope | null;
  rules: AwardRules;
  reason: string | null;
};

type FormShape = {
  name: string;
  period: [Dayjs, Dayjs];
  scopeMode: ScopeMode;
  store_ids: number[];
  cities: string[];
  rules: AwardRules;
  reason?: string;
};

type Props = {
  open: boolean;
  enterpriseId: number;
  /** null: a new campaign */
  editing: Campaign | null;
  saving: boolean;
  onCancel: () => void;
  onSubmit: (values: CampaignFormValues) => void;
};

export function CampaignForm({ open, enterpriseId, editing, saving, onCancel, onSubmit }: Props) {
  const t = useT();
  const [form] = Form.useForm<FormShape>();
  const stores = useStores(enterpriseId);
  const settings = useRuleSettings(enterpriseId);
  const defaults = useMemo(() => rulesFromSettings(settings.data), [settings.data]);
  const scopeMode = Form.useWatch("scopeMode", form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      const mode: ScopeMode = editing.scope.store_ids.length ? "stores" : editing.scope.cities.length ? "cities" : "all";
      form.setFieldsValue({
        name: editing.name,
        period: [dayjs(editing.start_date), dayjs(editing.end_date)],
        scopeMode: mode,
        store_ids: editing.scope.store_ids,
        cities: editing.scope.cities,
        // rules saved before a field existed take its default
        rules: { ...FALLBACK_RULES, ...editing.rules },
      });
    } else {
      form.setFieldsValue({ scopeMode: "all", store_ids: [], cities: [] });
    }
  }, [open, editing, form]);

  // the rule settings may arrive after the form opened: fill them in unless the user already typed rules
  useEffect(() => {
    if (open && !editing && !form.isFieldsTouched([["rules"]], false)) form.setFieldsValue({ rules: defaults });
  }, [open, editing, defaults, form]);

  const cityOptions = useMemo(
    () => [...new Set((stores.data ?? []).map((s) => s.city))].map((c) => ({ value: c, label: c })),
    [stores.data],
  );

  const submit = () =>
    form.validateFields().then(
      (v) => {
        const scope: CampaignScope | null =
          v.scopeMode === "stores"
            ? { store_ids: v.store_ids, cities: [] }
            : v.scopeMode === "cities"
              ? { store_ids: [], cities: v.cities }
              : null;
        onSubmit({
          name: v.name.trim(),
          start_date: v.period[0].format("YYYY-MM-DD"),
          end_date: v.period[1].format("YYYY-MM-DD"),
          scope,
          rules: { ...defaults, ...v.rules },
          reason: editing ? (v.reason ?? "").trim() : null,
        });
      },
      () => undefined, // the form shows what is missing
    );

  return (
    <Modal
      open={open}
      title={t(editing ? "campaigns.form.titleEdit" : "campaigns.form.titleNew")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={submit}
      width={640}
      forceRender
      okButtonProps={{ "data-testid": "campaign-save" }}
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="name" label={t("campaigns.form.name")} rules={[{ required: true, whitespace: true, message: t("campaigns.form.nameRequired") }]}>
          <Input maxLength={100} data-testid="campaign-name" />
        </Form.Item>
        <Form.Item name="period" label={t("campaigns.form.period")} rules={[{ required: true, message: t("campaigns.form.periodRequired") }]}>
          <DatePicker.RangePicker format="YYYY-MM-DD" data-testid="campaign-period" />
        </Form.Item>
        <Form.Item name="scopeMode" label={t("campaigns.form.scope")}>
          <Radio.Group
            options={[
              { value: "all", label: t("campaigns.form.scopeAll") },
              { value: "stores", label: t("campaigns.form.scopeStores") },
              { value: "cities", label: t("campaigns.form.scopeCities") },
            ]}
          />
        </Form.Item>
        {scopeMode === "stores" && (
          <Form.Item name="store_ids" rules={[{ required: true, type: "array", min: 1, message: t("campaigns.form.scopeRequired") }]}>
            <Select mode="multiple" options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))} data-testid="campaign-stores" />
          </Form.Item>
        )}
        {scopeMode === "cities" && (
          <Form.Item name="cities" rules={[{ required: true, type: "array", min: 1, message: t("campaigns.form.scopeRequired") }]}>
            <Select mode="multiple" options={cityOptions} data-testid="campaign-cities" />
          </Form.Item>
        )}
        <Form.Item label={t("campaigns.form.rules")} style={{ marginBottom: 0 }}>
          <Row gutter={12}>
            {NUMBER_FIELDS.map((f) => (
              <Col span={12} key={f.name}>
                <Form.Item name={["rules", f.name]} label={t(f.label)} rules={[{ required: true, message: t("campaigns.form.numberRequired") }]}>
                  <InputNumber min={0} max={f.max} precision={0} style={{ width: "100%" }} data-testid={`rule-${f.name}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item name={["rules", "count_shares"]} valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox data-testid="rule-count_shares">{t("campaigns.form.countShares")}</Checkbox>
          </Form.Item>
          <Form.Item name={["rules", "ranking_stacks_with_viral"]} valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox data-testid="rule-ranking_stacks_with_viral">{t("campaigns.form.stacks")}</Checkbox>
          </Form.Item>
          <label className="inline-switch">
            <Form.Item name={["rules", "organic_only"]} valuePropName="checked" noStyle>
              <Switch size="small" data-testid="campaign-organic-only" />
            </Form.Item>
            <span>{t("campaigns.form.organicOnly")}</span>
          </label>
        </Form.Item>
        {editing && (
          <>
            <Alert type="info" showIcon title={t("campaigns.form.keepsResult")} style={{ marginBottom: 12 }} />
            <Form.Item
              name="reason"
              label={t("campaigns.form.reason")}
              rules={[{ required: true, whitespace: true, message: t("campaigns.form.reasonRequired") }]}
            >
              <Input.TextArea rows={2} maxLength={500} data-testid="campaign-reason" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

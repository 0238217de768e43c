import { Col, Form, Input, InputNumber, Row, Select, Switch } from "antd";
import type { BrandFacts, EnterpriseDetail } from "../../api/commands.gen";
import { useT } from "../../i18n/useT";

/** 行业 as the core's enterprises table lists them. */
export const INDUSTRIES = ["家政", "生活美容", "文旅", "其他"] as const;

export type BrandFormValues = {
  name: string;
  industry: string;
  city: string;
  store_count: number;
  professional_account: boolean;
  staff_mgmt_permission: boolean;
  last_serious_violation_on?: string;
};

export const EMPTY_BRAND: Partial<BrandFormValues> = {
  industry: "生活美容",
  store_count: 10,
  professional_account: false,
  staff_mgmt_permission: false,
};

export function toFacts(v: BrandFormValues): BrandFacts {
  const day = v.last_serious_violation_on?.trim();
  return {
    name: v.name.trim(),
    industry: v.industry,
    city: v.city.trim(),
    store_count: v.store_count,
    professional_account: v.professional_account,
    staff_mgmt_permission: v.staff_mgmt_permission,
    last_serious_violation_on: day ? day : null,
  };
}

/** The Beijing calendar day of a stored instant (`2026-08-31T16:00:00Z` → 2026-09-01). */
export function beijingDay(ts: string): string {
  return new Date(Date.parse(ts) + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

export function valuesOf(e: EnterpriseDetail): BrandFormValues {
  return {
    name: e.name,
    industry: e.industry,
    city: e.city,
    store_count: e.store_count,
    professional_account: e.professional_account,
    staff_mgmt_permission: e.staff_mgmt_permission,
    last_serious_violation_on: e.last_serious_violation_at ? beijingDay(e.last_serious_violation_at) : "",
  };
}

/** A brand's name, 行业, HQ city and the B-1 facts (U-1), inside a parent <Form>. */
export function BrandFields() {
  const t = useT();
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={t("setup.brandName")} rules={[{ required: true, whitespace: true, message: t("setup.brandNameRequired") }]}>
            <Input maxLength={60} data-testid="brand-name" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="industry" label={t("overview.industry")} rules={[{ required: true }]}>
            <Select data-testid="brand-industry" options={INDUSTRIES.map((i) => ({ value: i, label: i }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="city" label={t("overview.headOffice")} rules={[{ required: true, whitespace: true, message: t("setup.cityRequired") }]}>
            <Input maxLength={20} data-testid="brand-city" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="store_count" label={t("overview.storeCount")} rules={[{ required: true, message: t("setup.storeCountRequired") }]} extra={t("setup.storeCountHint")}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: "100%" }} data-testid="brand-store-count" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="professional_account" label={t("overview.professionalAccount")} valuePropName="checked">
            <Switch checkedChildren={t("overview.opened")} unCheckedChildren={t("overview.notOpened")} data-testid="brand-professional" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="staff_mgmt_permission" label={t("overview.staffPermission")} valuePropName="checked">
            <Switch checkedChildren={t("overview.opened")} unCheckedChildren={t("overview.notOpened")} data-testid="brand-permission" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="last_serious_violation_on"
            label={t("setup.lastViolation")}
            extra={t("setup.lastViolationHint")}
            rules={[{ pattern: /^\s*(\d{4}-\d{2}-\d{2})?\s*$/, message: t("setup.dateFormat") }]}
          >
            <Input placeholder="YYYY-MM-DD" maxLength={10} data-testid="brand-violation" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

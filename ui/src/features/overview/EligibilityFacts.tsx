import { Card, Descriptions, Space, Tag, Typography } from "antd";
import type { EnterpriseDetail } from "../../api/commands.gen";
import { formatCount } from "../../format/number";
import { formatDateTime } from "../../format/dateTime";
import { useT } from "../../i18n/useT";

function OnOff({ on }: { on: boolean }) {
  const t = useT();
  return <Tag color={on ? "green" : "default"}>{on ? t("overview.opened") : t("overview.notOpened")}</Tag>;
}

export function EligibilityFacts({ enterprise }: { enterprise: EnterpriseDetail }) {
  const t = useT();
  return (
    <Card size="small" title={`${enterprise.name} · ${t("overview.eligibility")}`}>
      <Descriptions column={3} size="small">
        <Descriptions.Item label={t("overview.industry")}>{enterprise.industry}</Descriptions.Item>
        <Descriptions.Item label={t("overview.professionalAccount")}>
          <OnOff on={enterprise.professional_account} />
        </Descriptions.Item>
        <Descriptions.Item label={t("overview.staffPermission")}>
          <OnOff on={enterprise.staff_mgmt_permission} />
        </Descriptions.Item>
        <Descriptions.Item label={t("overview.storeCount")}>
          <span className="num">{formatCount(enterprise.store_count)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("overview.lastViolation")}>
          {enterprise.last_serious_violation_at ? (
            <Tag color="red">{formatDateTime(enterprise.last_serious_violation_at)}</Tag>
          ) : (
            t("overview.noViolation")
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("overview.headOffice")}>{enterprise.city}</Descriptions.Item>
        <Descriptions.Item label={t("overview.agencies")} span={3}>
          {enterprise.agencies.length === 0 ? (
            <Typography.Text type="secondary">{t("overview.noAgencies")}</Typography.Text>
          ) : (
            <Space size={[4, 4]} wrap>
              {enterprise.agencies.map((name) => (
                <Tag key={name}>{name}</Tag>
              ))}
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

import { App, Button, Card, Descriptions, Empty, Popconfirm, Skeleton, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { MyInvitation } from "../../api/commands.gen";
import { useErrorToast } from "../../api/useErrorToast";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../format/dateTime";
import { useLang, useT } from "../../i18n/useT";
import { useDeclineInvitation, useMyInvitations, usePermission } from "../bindings/hooks";
import { MODE_COLOR, STATUS_COLOR, jobTitleLabel, modeKey } from "../bindings/labels";
import { usePhoneLayout } from "../phone/layout";
import { AcceptModal } from "./AcceptModal";
import { Countdown } from "./Countdown";
import "./invitations.css";

/** 消息 › 消息通知 (B-13, B-14): the employee's invitations, accepted or declined here. */
export function InvitationsPage() {
  const t = useT();
  const allowed = usePermission("respond_invitation");
  const invitations = useMyInvitations(allowed);
  const [accepting, setAccepting] = useState<MyInvitation | null>(null);
  const [lapsed, setLapsed] = useState<Set<number>>(new Set());

  if (!allowed) return <Empty description={t("invitations.employeeOnly")} />;
  if (invitations.isError) return <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} />;
  if (!invitations.data) return <Skeleton active />;
  if (invitations.data.length === 0) return <Empty description={t("invitations.empty")} data-testid="invitations-empty" />;

  return (
    <div className="page-stack invitations" data-testid="invitations-page">
      {invitations.data.map((inv) => (
        <InvitationCard
          key={inv.binding_id}
          invitation={inv}
          lapsed={lapsed.has(inv.binding_id)}
          onLapsed={() => setLapsed((s) => new Set(s).add(inv.binding_id))}
          onAccept={() => setAccepting(inv)}
        />
      ))}
      <AcceptModal invitation={accepting} onClose={() => setAccepting(null)} />
    </div>
  );
}

function InvitationCard({
  invitation: inv,
  lapsed,
  onLapsed,
  onAccept,
}: {
  invitation: MyInvitation;
  lapsed: boolean;
  onLapsed: () => void;
  onAccept: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const decline = useDeclineInvitation();
  // U-5: one fact a line on a phone
  const phone = usePhoneLayout();
  const open = inv.can_accept && !lapsed;
  const id = inv.binding_id;

  return (
    <Card
      size="small"
      data-testid={`invitation-${id}`}
      title={t("invitations.from", { brand: inv.enterprise_name })}
      extra={
        inv.can_accept ? (
          <Countdown until={inv.expires_at} testId={`invitation-countdown-${id}`} onExpired={onLapsed} />
        ) : (
          <Tag color={STATUS_COLOR[inv.status]}>{lang === "en" ? inv.status_label_en : inv.status_label_zh}</Tag>
        )
      }
    >
      <Descriptions size="small" column={phone ? 1 : 3}>
        <Descriptions.Item label={t("invitations.account")}>
          {inv.xhs_id} · {inv.nickname}
        </Descriptions.Item>
        <Descriptions.Item label={t("bindings.mode")}>
          <Tag color={MODE_COLOR[inv.mode]}>{t(modeKey(inv.mode))}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("binding.jobTitle")}>
          <Tag color="magenta">{jobTitleLabel(t, inv.job_title)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("invitations.invitedAt")}>
          <span className="num">{formatDateTime(inv.invited_at)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("invitations.expiresAt")}>
          <span className="num">{formatDateTime(inv.expires_at)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" className="small-note">
        {t(inv.mode === "enterprise" ? "wizard.ownership.enterprise" : "wizard.ownership.personal")}
      </Typography.Paragraph>
      {inv.can_accept && (
        <Space className={phone ? "invitation-actions-phone" : undefined}>
          <Button type="primary" size={phone ? "large" : undefined} disabled={!open} onClick={onAccept} data-testid={`invitation-accept-${id}`}>
            {t("invitations.accept")}
          </Button>
          <Popconfirm
            title={t("invitations.declineConfirm", { brand: inv.enterprise_name })}
            okText={t("invitations.decline")}
            cancelText={t("common.cancel")}
            okButtonProps={{ danger: true, "data-testid": `invitation-decline-confirm-${id}` }}
            onConfirm={() =>
              decline.mutate(id, {
                onSuccess: () => void message.success(t("invitations.declined")),
                onError: showError,
              })
            }
            disabled={!open}
          >
            <Button danger size={phone ? "large" : undefined} disabled={!open} loading={decline.isPending} data-testid={`invitation-decline-${id}`}>
              {t("invitations.decline")}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </Card>
  );
}

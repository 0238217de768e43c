import { useState } from "react";
import { Button, Card, Popover, Progress, Space, Tag, Typography } from "antd";
import { CloudDownloadOutlined, WarningOutlined } from "@ant-design/icons";
import { useErrorToast } from "../../api/useErrorToast";
import { formatDateTime } from "../../format/dateTime";
import { useLang, useT } from "../../i18n/useT";
import { progressText, useUpdateDismiss, useUpdateDownload, useUpdateStatus } from "./hooks";
import "./updates.css";

/**
 * Issue 15 item 3, in the header: a newer version's notice (version, date, the manifest's notes) with
 * 下载并在下次启动时安装 / 以后再说, then the download's progress, 下次启动时安装, a wait for an import, or a
 * failure — quietly, a tag with the reason as its title, never a modal. A check that could not reach the release
 * server (offline, a firewall) is a plain grey 未能检查更新: nothing failed that the user started or has to fix.
 */
export function UpdateIndicator() {
  const t = useT();
  const { lang } = useLang();
  const status = useUpdateStatus().data;
  const download = useUpdateDownload();
  const dismiss = useUpdateDismiss();
  const showError = useErrorToast();
  // the header's 新版本 button opens a notice closed with 以后再说 again
  const [reopened, setReopened] = useState(false);
  // why a downloaded update waits is said once at start, in a notice the user closes
  const [waitSeen, setWaitSeen] = useState(false);
  if (!status) return null;
  const version = status.offer?.version ?? "";
  const en = lang === "en";
  const error = en ? status.error_en : status.error;
  const waiting = en ? status.waiting_en : status.waiting;

  return (
    <>
      {status.phase === "downloading" && (
        <Tag color="processing" data-testid="update-progress" className="update-tag">
          <Space size={6}>
            <CloudDownloadOutlined />
            {t("updates.downloading", { percent: progressText(status) })}
            {status.total ? <Progress percent={Math.floor((status.downloaded * 100) / status.total)} size="small" showInfo={false} className="update-progress" /> : null}
          </Space>
        </Tag>
      )}
      {status.phase === "staged" && (
        <Popover content={<div className="update-popover">{waiting ?? t("updates.installNote")}</div>} trigger="click">
          <Tag color={waiting ? "warning" : "success"} data-testid="update-staged" title={waiting ?? undefined} className="update-tag update-clickable">
            {waiting ? t("updates.waiting", { version }) : t("updates.staged", { version })}
          </Tag>
        </Popover>
      )}
      {status.phase === "staged" && waiting && !waitSeen && (
        <Card className="update-notice" data-testid="update-waiting-notice" size="small" title={t("updates.waiting", { version })}>
          <Typography.Paragraph>{waiting}</Typography.Paragraph>
          <Button data-testid="update-waiting-ok" onClick={() => setWaitSeen(true)}>
            {t("updates.gotIt")}
          </Button>
        </Card>
      )}
      {status.phase === "available" && status.dismissed && !reopened && (
        <Button size="small" icon={<CloudDownloadOutlined />} data-testid="update-reopen" onClick={() => setReopened(true)} title={t("updates.noticeTitle", { version })}>
          {t("updates.available", { version })}
        </Button>
      )}
      {status.phase === "check_failed" && (
        <Popover content={<div className="update-popover">{error}</div>} trigger="click">
          <Tag data-testid="update-check-failed" title={error ?? undefined} className="update-tag update-clickable">
            {t("updates.checkFailed")}
          </Tag>
        </Popover>
      )}
      {status.phase === "failed" && (
        <Popover content={<div className="update-popover">{error}</div>} trigger="click">
          <Tag color="warning" icon={<WarningOutlined />} data-testid="update-failed" title={error ?? undefined} className="update-tag update-clickable">
            {t("updates.failed")}
          </Tag>
        </Popover>
      )}
      {status.installed && (
        <Tag color="success" data-testid="update-installed" className="update-tag">
          {t("updates.installed", { version: status.installed })}
        </Tag>
      )}
      {status.phase === "available" && (!status.dismissed || reopened) && status.offer && (
        <Card
          className="update-notice"
          data-testid="update-notice"
          size="small"
          title={t("updates.noticeTitle", { version })}
          extra={<Typography.Text type="secondary">{t("updates.current", { version: status.current_version })}</Typography.Text>}
        >
          {status.offer.date && (
            <Typography.Paragraph type="secondary" className="update-date">
              {t("updates.published", { date: formatDateTime(status.offer.date) })}
            </Typography.Paragraph>
          )}
          <Typography.Text strong>{t("updates.whatsNew")}</Typography.Text>
          <div className="update-notes" data-testid="update-notes">
            {status.offer.notes?.trim() ? status.offer.notes : t("updates.noNotes")}
          </div>
          <Typography.Paragraph type="secondary" className="update-install-note">
            {t("updates.installNote")}
          </Typography.Paragraph>
          <Space>
            <Button
              type="primary"
              data-testid="update-download"
              loading={download.isPending}
              onClick={() => download.mutate(undefined, { onError: showError })}
            >
              {t("updates.download")}
            </Button>
            <Button data-testid="update-later" onClick={() => {
                setReopened(false);
                dismiss.mutate(undefined, { onError: showError });
              }}>
              {t("updates.later")}
            </Button>
          </Space>
        </Card>
      )}
    </>
  );
}

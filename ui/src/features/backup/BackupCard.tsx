import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Result, Space, Spin, Typography } from "antd";
import { useState } from "react";
import type { BackupCounts, BackupReport, BackupSummary, FileRef } from "../../api/commands.gen";
import { pickOpenFile, pickSaveFile } from "../../api/files";
import { useErrorToast } from "../../api/useErrorToast";
import { formatDateTime } from "../../format/dateTime";
import { useLang, useT } from "../../i18n/useT";
import { useAppInfo } from "../demo/hooks";
import { useSession } from "../session/hooks";
import { backupStamp, formatSize, useBackupNow, useInspectBackup, useRestoreBackup } from "./hooks";

const MIN = 8;
const FILTERS = [{ name: "KOS Desk backup", extensions: ["kosbackup"] }];

type Counts = Pick<BackupCounts, "enterprises" | "stores" | "staff" | "accounts" | "notes">;

/** 密钥与备份 on the settings page: where the key is kept; 立即备份 and 从备份恢复 for the administrator. */
export function BackupCard() {
  const t = useT();
  const { lang } = useLang();
  const info = useAppInfo();
  const allowed = useSession().data?.permissions.includes("manage_backup") ?? false;
  const showError = useErrorToast();
  const inspect = useInspectBackup();
  const [backupFile, setBackupFile] = useState<FileRef | null>(null);
  const [restoring, setRestoring] = useState<{ summary: BackupSummary; file: string } | null>(null);

  const startBackup = async () => {
    try {
      const chosen = await pickSaveFile(`kos-desk-backup-${backupStamp()}.kosbackup`, FILTERS);
      if (chosen) setBackupFile(chosen);
    } catch (e) {
      showError(e);
    }
  };
  const startRestore = async () => {
    try {
      const chosen = await pickOpenFile(FILTERS);
      if (!chosen) return;
      inspect.mutate(chosen.token, { onSuccess: (summary) => setRestoring({ summary, file: chosen.token }), onError: showError });
    } catch (e) {
      showError(e);
    }
  };

  const key = info.data?.key;
  return (
    <Card title={t("backup.title")} data-testid="backup-card">
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t("backup.keyPlace")}>
            {/* app_info is asked with this page, not at the window's start (issue 15 item 4) */}
            {info.isPending ? (
              <Spin size="small" />
            ) : (
              <Typography.Text data-testid="key-location">{key ? (lang === "zh-CN" ? key.label : key.label_en) : "—"}</Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">{t("backup.keyHint")}</Typography.Text>
        {allowed ? (
          <Space>
            <Button type="primary" data-testid="backup-now" onClick={() => void startBackup()}>
              {t("backup.now")}
            </Button>
            <Button data-testid="backup-restore" loading={inspect.isPending} onClick={() => void startRestore()}>
              {t("backup.restore")}
            </Button>
          </Space>
        ) : (
          <Alert type="info" showIcon title={t("backup.adminOnly")} />
        )}
      </Space>
      {backupFile && <BackupModal file={backupFile} onClose={() => setBackupFile(null)} />}
      {restoring && (
        <RestoreModal
          summary={restoring.summary}
          file={restoring.file}
          current={info.data?.counts}
          dbPath={info.data?.db_path ?? undefined}
          onClose={() => setRestoring(null)}
        />
      )}
    </Card>
  );
}

function countsText(t: ReturnType<typeof useT>, c: Counts) {
  return t("backup.counts", { ...c });
}

function PassphraseFields({ confirm }: { confirm: boolean }) {
  const t = useT();
  return (
    <>
      <Form.Item
        name="passphrase"
        label={t("backup.passphrase")}
        extra={t("backup.passphraseHint")}
        rules={[{ required: true, min: MIN, message: t("backup.passphraseShort") }]}
      >
        <Input.Password data-testid="backup-passphrase" autoFocus />
      </Form.Item>
      {confirm && (
        <Form.Item
          name="again"
          label={t("backup.passphraseAgain")}
          dependencies={["passphrase"]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue("passphrase") ? Promise.resolve() : Promise.reject(new Error(t("backup.passphraseDiffer"))),
            }),
          ]}
        >
          <Input.Password data-testid="backup-passphrase-again" />
        </Form.Item>
      )}
    </>
  );
}

function BackupModal({ file, onClose }: { file: FileRef; onClose: () => void }) {
  const t = useT();
  const showError = useErrorToast();
  const backup = useBackupNow();
  const [form] = Form.useForm<{ passphrase: string; again: string }>();
  const [done, setDone] = useState<BackupReport | null>(null);

  const submit = (v: { passphrase: string }) =>
    backup.mutate({ file: file.token, passphrase: v.passphrase }, { onSuccess: setDone, onError: showError });

  return (
    <Modal
      open
      title={t("backup.modalTitle")}
      onCancel={backup.isPending ? undefined : onClose}
      closable={!backup.isPending}
      mask={{ closable: false }}
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            {t("common.ok")}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose} disabled={backup.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="primary" data-testid="backup-start" loading={backup.isPending} onClick={() => form.submit()}>
              {t("backup.start")}
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <Result
          status="success"
          title={t("backup.done")}
          subTitle={
            <span data-testid="backup-result">
              {done.path}
              <br />
              {t("backup.doneDetail", { size: formatSize(done.size_bytes), ...done.counts })}
            </span>
          }
        />
      ) : (
        <Spin spinning={backup.isPending} description={t("backup.running")}>
          <Form form={form} layout="vertical" onFinish={submit}>
            <Form.Item label={t("backup.target")}>
              <Typography.Text code>{file.name}</Typography.Text>
            </Form.Item>
            <PassphraseFields confirm />
          </Form>
        </Spin>
      )}
    </Modal>
  );
}

function RestoreModal({
  summary,
  file,
  current,
  dbPath,
  onClose,
}: {
  summary: BackupSummary;
  file: string;
  current: Counts | undefined;
  dbPath: string | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const restore = useRestoreBackup();
  const [form] = Form.useForm<{ passphrase: string }>();

  const submit = (v: { passphrase: string }) =>
    restore.mutate(
      { file, passphrase: v.passphrase },
      { onSuccess: () => void message.success(t("backup.restored")), onError: showError },
    );

  return (
    <Modal
      open
      title={t("backup.restoreTitle")}
      onCancel={restore.isPending ? undefined : onClose}
      closable={!restore.isPending}
      mask={{ closable: false }}
      footer={
        <Space>
          <Button onClick={onClose} disabled={restore.isPending}>
            {t("common.cancel")}
          </Button>
          <Button danger type="primary" data-testid="restore-confirm" loading={restore.isPending} onClick={() => form.submit()}>
            {t("backup.restoreConfirm")}
          </Button>
        </Space>
      }
    >
      <Spin spinning={restore.isPending} description={t("backup.restoring")}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t("backup.target")}>{summary.path}</Descriptions.Item>
          <Descriptions.Item label={t("backup.backupHolds", { at: formatDateTime(summary.created_at), version: summary.app_version })}>
            <span data-testid="restore-backup-counts">{countsText(t, summary.counts)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("backup.willReplace")}>
            <span data-testid="restore-current">
              {dbPath}
              {current && (
                <>
                  <br />
                  {countsText(t, current)}
                </>
              )}
            </span>
          </Descriptions.Item>
        </Descriptions>
        <Alert type="warning" showIcon style={{ margin: "12px 0" }} title={t("backup.replaceWarning")} />
        <Form form={form} layout="vertical" onFinish={submit}>
          <PassphraseFields confirm={false} />
        </Form>
      </Spin>
    </Modal>
  );
}

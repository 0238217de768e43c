import { App, Button, Drawer, Empty, Skeleton, Tag, Timeline, Typography } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useState } from "react";
import { commands, type BindingRow, type Role } from "../../api/commands.gen";
import { useErrorToast } from "../../api/useErrorToast";
import { unwrap } from "../../api/unwrap";
import { pickSaveFile } from "../../api/files";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../format/dateTime";
import { formatCount } from "../../format/number";
import { roleKey } from "../../i18n/roleLabel";
import { useLang, useT } from "../../i18n/useT";
import { useAccountHistory } from "./hooks";
import "./bindings.css";

/** Every recorded change to the account's bindings with this brand, newest first (B-20), exportable as evidence. */
export function AccountHistoryDrawer({ row, onClose }: { row: BindingRow | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const history = useAccountHistory(row?.enterprise_id ?? -1, row?.account_id ?? null);
  const [exporting, setExporting] = useState(false);

  const exportEvidence = async () => {
    if (!row) return;
    setExporting(true);
    try {
      const target = await pickSaveFile(`${row.xhs_id}-history.csv`, [{ name: t("accountHistory.csv"), extensions: ["csv"] }]);
      if (!target) return;
      const done = await unwrap(
        commands.exportAccountHistory({ enterprise_id: row.enterprise_id, account_id: row.account_id, file: target.token }),
      );
      void message.success(t("accountHistory.exported", { rows: formatCount(done.rows), path: done.path }));
      void history.refetch(); // the export itself is recorded in the account's history
    } catch (error) {
      showError(error);
    } finally {
      setExporting(false);
    }
  };

  const exportButton = (
    <Button
      icon={<DownloadOutlined />}
      disabled={!history.data?.length}
      loading={exporting}
      onClick={() => void exportEvidence()}
      data-testid="history-export"
    >
      {t("accountHistory.export")}
    </Button>
  );

  return (
    <Drawer
      open={row !== null}
      onClose={onClose}
      size={520}
      title={row ? t("accountHistory.title", { xhsId: row.xhs_id }) : ""}
      extra={exportButton}
      data-testid="account-history"
    >
      {history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : history.isLoading ? (
        <Skeleton active />
      ) : !history.data?.length ? (
        <Empty description={t("accountHistory.empty")} />
      ) : (
        <Timeline
          data-testid="account-history-list"
          items={history.data.map((h) => ({
            key: h.id,
            content: (
              <div className="history-item">
                <Typography.Text type="secondary" className="num">
                  {formatDateTime(h.at)}
                </Typography.Text>
                <div>{lang === "en" ? h.summary_en : h.summary_zh}</div>
                <div>
                  <Typography.Text type="secondary">{h.actor_name ?? "—"}</Typography.Text>
                  {h.actor_role ? <Tag className="history-role">{t(roleKey(h.actor_role as Role))}</Tag> : null}
                </div>
                {h.reason && <Typography.Text type="secondary">{t("accountHistory.reason", { reason: h.reason })}</Typography.Text>}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

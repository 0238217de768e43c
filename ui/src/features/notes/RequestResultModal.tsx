import { Alert, Button, Modal, Table, Tag, Typography } from "antd";
import type { NoteRefusal, RequestReviewResult } from "../../api/commands.gen";
import { EllipsisCell } from "../../components/EllipsisCell";
import { useLang, useT } from "../../i18n/useT";
import "./notes.css";

/** What 发起笔记审核 did: how many went to review, and each refused note with why (N-2, N-5, N-6). */
export function RequestResultModal({ result, onClose }: { result: RequestReviewResult | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Modal
      open={result !== null}
      title={t("request.resultTitle")}
      onCancel={onClose}
      width={720}
      footer={
        <Button type="primary" onClick={onClose} data-testid="request-result-close">
          {t("common.ok")}
        </Button>
      }
      destroyOnHidden
    >
      {result && (
        <div className="page-stack" data-testid="request-result">
          <Alert
            type={result.requested.length ? "success" : "warning"}
            showIcon
            data-testid="request-result-summary"
            title={
              result.refused.length
                ? t("request.resultSummary", { requested: result.requested.length, refused: result.refused.length })
                : t("request.allRequested", { requested: result.requested.length })
            }
            description={t("request.quotaLeft", { remaining: result.quota.remaining, limit: result.quota.limit })}
          />
          {result.refused.length > 0 && <Typography.Text strong>{t("request.refusedTitle")}</Typography.Text>}
          {result.refused.length > 0 && (
          <Table<NoteRefusal>
            data-testid="request-refused"
            rowKey="note_row_id"
            size="small"
            pagination={false}
            scroll={{ y: 320 }}
            dataSource={result.refused}
            columns={[
              {
                title: t("notes.col.info"),
                key: "note",
                width: 300,
                render: (_: unknown, r) => (
                  <div className="cell-lines">
                    <EllipsisCell text={r.title} />
                    <span className="mono small-note">{r.note_id}</span>
                  </div>
                ),
              },
              {
                title: t("request.reason"),
                key: "reason",
                render: (_: unknown, r) => (
                  <span data-testid={`refusal-${r.note_row_id}`}>
                    {lang === "en" ? r.reason_en : r.reason}
                    {r.rule && <Tag className="rule-tag">{r.rule}</Tag>}
                  </span>
                ),
              },
            ]}
          />
          )}
        </div>
      )}
    </Modal>
  );
}

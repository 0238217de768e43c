import { FileExcelOutlined } from "@ant-design/icons";
import { App, Button, Card, Form, Input, List, Modal, Space, Spin, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import type { AwardKind } from "../../api/commands.gen";
import { useErrorToast } from "../../api/useErrorToast";
import { QueryError } from "../../components/QueryError";
import { formatCount } from "../../format/number";
import { formatDateTime } from "../../format/dateTime";
import { useLang, useT } from "../../i18n/useT";
import { useSession } from "../session/hooks";
import { BoardTables } from "./BoardTables";
import { LeaderBoard } from "./LeaderBoard";
import { useStores } from "../stores/hooks";
import { todayStamp } from "../notes/labels";
import { useCampaignBoard, useConfirmAwards, useExportAwardSheet, useVoidAward } from "./hooks";
import { kindLabel, scopeText, STATUS_COLOR, statusLabel } from "./labels";
import { pickSaveFile } from "../../api/files";
import "./campaigns.css";

type VoidTarget = { kind: AwardKind; key: string; label: string };

export function CampaignBoardView({ campaignId, onBack }: { campaignId: number; onBack: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const showError = useErrorToast();
  const permissions = useSession().data?.permissions ?? [];
  const board = useCampaignBoard(campaignId);
  const stores = useStores(board.data?.campaign.enterprise_id);
  const voidAward = useVoidAward();
  const confirm = useConfirmAwards();
  const awardSheet = useExportAwardSheet();
  const [target, setTarget] = useState<VoidTarget | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  if (board.isPending) return <Spin className="centered-fill" />;
  if (board.isError) return <QueryError error={board.error} onRetry={() => void board.refetch()} />;
  const data = board.data;
  const { campaign } = data;
  const frozen = data.frozen || campaign.status === "confirmed";
  const mayVoid = !frozen && permissions.includes("void_award");
  const mayConfirm = !frozen && permissions.includes("manage_campaigns");
  const ended = campaign.status === "ended";
  const mayExport = permissions.includes("export_award_sheet");

  const exportAwardSheet = async () => {
    const target = await pickSaveFile(`${t("board.awardSheetFile")}-${campaign.name}-${todayStamp()}.xlsx`, [
      { name: "Excel", extensions: ["xlsx"] },
    ]).catch(showError);
    if (!target) return;
    awardSheet.mutate(
      { campaign_id: campaignId, file: target.token },
      { onSuccess: (r) => void message.success(t("board.awardSheetSaved", { rows: formatCount(r.rows), path: r.path })), onError: showError },
    );
  };

  const sendVoid = () =>
    form.validateFields().then(
      (v) =>
        target &&
        voidAward.mutate(
          { campaign_id: campaignId, kind: target.kind, key: target.key, reason: v.reason.trim() },
          {
            onSuccess: () => {
              setTarget(null);
              void message.success(t("board.voided"));
            },
            onError: showError,
          },
        ),
      () => undefined,
    );

  const askConfirm = () =>
    void modal.confirm({
      title: t("board.confirmTitle"),
      content: t("board.confirmBody"),
      okText: t("board.confirm"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "awards-confirm-ok" },
      onOk: () =>
        confirm.mutateAsync(campaignId).then(
          () => void message.success(t("board.confirmed")),
          (e: unknown) => showError(e),
        ),
    });

  return (
    <div className="page-stack" data-testid="campaign-board">
      <div className="table-toolbar">
        <Button onClick={onBack}>{t("campaigns.back")}</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {campaign.name}
        </Typography.Title>
        <Tag color={STATUS_COLOR[campaign.status]} data-testid="board-status">
          {t(statusLabel(campaign.status))}
        </Tag>
        <span className="toolbar-spacer" />
        <Space wrap>
          {mayExport && (
            <Button icon={<FileExcelOutlined />} data-testid="award-sheet-export" loading={awardSheet.isPending} onClick={() => void exportAwardSheet()}>
              {t("board.exportAwardSheet")}
            </Button>
          )}
          <Button data-testid="board-fullscreen" onClick={() => setFullscreen(true)}>
            {t("board.fullscreen")}
          </Button>
          {mayConfirm && (
            <Tooltip title={ended ? undefined : t("board.confirmAfterEnd")}>
              <Button type="primary" data-testid="awards-confirm" disabled={!ended} loading={confirm.isPending} onClick={askConfirm}>
                {t("board.confirm")}
              </Button>
            </Tooltip>
          )}
        </Space>
      </div>
      <div className="board-meta">
        <span>
          {t("campaigns.col.period")}
          {t("common.colon")}
          {campaign.start_date} ~ {campaign.end_date}
        </span>
        <span data-testid="board-scope">{t("board.scope", { scope: scopeText(campaign, stores.data, t) })}</span>
        <span data-testid="board-as-of">
          {t("board.asOf", { date: data.metrics_as_of === "latest" ? t("board.asOfLatest") : data.metrics_as_of })}
        </span>
        <span data-testid="board-version">{t("board.version", { version: data.version })}</span>
        <span>{t("board.notes", { count: formatCount(data.notes_considered) })}</span>
      </div>
      <Card size="small" title={t("board.rules")} data-testid="board-rules">
        <ul className="rules-text">
          {data.board.rules_text.map((r) => (
            <li key={r.code}>
              <Tag>{r.code}</Tag>
              {lang === "en" ? r.en : r.zh}
            </li>
          ))}
        </ul>
      </Card>
      <BoardTables board={data.board} onVoid={mayVoid ? (kind, key, label) => (form.resetFields(), setTarget({ kind, key, label })) : null} />
      {data.voids.length > 0 && (
        <Card size="small" title={t("board.voids")} data-testid="board-voids">
          <List
            size="small"
            dataSource={data.voids}
            renderItem={(v) => (
              <List.Item>
                {t("board.voidEntry", {
                  kind: t(kindLabel(v.kind)),
                  key: v.key,
                  reason: v.reason,
                  by: v.voided_by_name ?? t("common.none"),
                  at: formatDateTime(v.voided_at),
                })}
              </List.Item>
            )}
          />
        </Card>
      )}
      <Modal
        open={target !== null}
        title={t("board.voidTitle")}
        okText={t("board.void")}
        okButtonProps={{ danger: true, "data-testid": "void-confirm" }}
        cancelText={t("common.cancel")}
        confirmLoading={voidAward.isPending}
        onCancel={() => setTarget(null)}
        onOk={sendVoid}
        forceRender
      >
        {target && (
          <Typography.Paragraph>
            {t(kindLabel(target.kind))}：{target.label}。{t("board.voidBody")}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t("board.voidReason")} rules={[{ required: true, whitespace: true, message: t("board.voidReasonRequired") }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="void-reason" />
          </Form.Item>
        </Form>
      </Modal>
      {fullscreen && <LeaderBoard campaignId={campaignId} fullscreen onExit={() => setFullscreen(false)} />}
    </div>
  );
}

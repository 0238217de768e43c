import { App, Empty, Tabs, Tag, Typography, type TableColumnsType } from "antd";
import { useState } from "react";
import type { QueueNote, ReviewTab, TabCounts } from "../../api/commands.gen";
import { EllipsisCell } from "../../components/EllipsisCell";
import { useErrorToast } from "../../api/useErrorToast";
import { formatCount } from "../../format/number";
import type { MessageKey } from "../../i18n/zh";
import { useT } from "../../i18n/useT";
import { usePermission } from "../bindings/hooks";
import { useEnterprise } from "../session/EnterpriseProvider";
import { BoostModal } from "./BoostModal";
import { useNoteTabCounts, useSendToJuguang } from "./hooks";
import { REVIEW_STATE_COLOR, reviewStateKey } from "./labels";
import { NoteDetailDrawer } from "./NoteDetailDrawer";
import { NoteFilterBar } from "./NoteFilterBar";
import { DateTimeLines, noteColumns, sortProps } from "./noteColumns";
import { NoteTable } from "./NoteTable";
import { QuotaMeter } from "./QuotaMeter";
import { RequestedRowActions } from "./RequestedRowActions";
import { useCopyLink } from "./useCopyLink";
import { useNoteExport } from "./useNoteExport";
import { useNoteList } from "./useNoteList";
import { useNoteMarks } from "./useNoteMarks";
import { useRequestFlow } from "./useRequestFlow";
import "./notes.css";

type TabKey = keyof TabCounts;
const TABS: { key: TabKey; label: MessageKey }[] = [
  { key: "all", label: "requested.tab.all" },
  { key: "in_review", label: "requested.tab.in_review" },
  { key: "rejected", label: "requested.tab.rejected" },
  { key: "approved", label: "requested.tab.approved" },
];

/** 已发起审核笔记 (N-6): tabs with live counts, the N-3 filters plus 发起审核日期, actions by review state. */
export function RequestedPage() {
  const t = useT();
  const { current } = useEnterprise();
  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  return <RequestedView key={current.id} enterpriseId={current.id} />;
}

function RequestedView({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const canManage = usePermission("manage_notes");
  const state = useNoteList(enterpriseId, "requested", "requested");
  const counts = useNoteTabCounts(enterpriseId);
  const marks = useNoteMarks(enterpriseId);
  const exporter = useNoteExport(t("notes.exportFileRequested"));
  const requestFlow = useRequestFlow(enterpriseId);
  const juguang = useSendToJuguang();
  const copyLink = useCopyLink();
  const [detailId, setDetailId] = useState<number | null>(null);
  const [boosting, setBoosting] = useState<QueueNote | null>(null);
  const [rerequesting, setRerequesting] = useState<number | null>(null);

  // rebuilt each render: the handlers close over the pending mutations
  const columns = (() => {
    const handlers = {
      canManage,
      onDetail: (n: QueueNote) => setDetailId(n.id),
      onBoost: setBoosting,
      onJuguang: (n: QueueNote) =>
        juguang.mutate(n.id, {
          onSuccess: () => void message.success(t("notes.juguangDone", { title: n.title })),
          onError: showError,
        }),
      onRerequest: (n: QueueNote) => {
        setRerequesting(n.id);
        requestFlow.run([n.id], () => setRerequesting(null));
      },
      onCopyLink: (n: QueueNote) => void copyLink(n.note_id),
      busyJuguang: juguang.isPending ? (juguang.variables ?? null) : null,
      busyRerequest: requestFlow.pending ? rerequesting : null,
    };
    const [info, published, exposure, reads, interactions] = noteColumns(t, state.sort, marks, (n) =>
      n.on_juguang ? (
        <Tag color="gold" data-testid="tag-on-juguang">
          {t("notes.onJuguang")}
        </Tag>
      ) : null,
    );
    // the review columns come first so that they stay in view at 1280 px; the metrics scroll
    const base: TableColumnsType<QueueNote> = [
      { ...info, width: 300 },
      {
        title: t("requested.col.state"),
        dataIndex: "review_state",
        width: 104,
        render: (v: string) => <Tag color={REVIEW_STATE_COLOR[v] ?? "default"}>{t(reviewStateKey(v))}</Tag>,
      },
      {
        title: t("requested.col.reason"),
        dataIndex: "review_reason",
        width: 168,
        ellipsis: { showTitle: false },
        render: (v: string | null, n) =>
          n.review_state === "in_review" ? <Typography.Text type="secondary">{t("requested.waiting")}</Typography.Text> : <EllipsisCell text={v} />,
      },
      {
        title: t("requested.col.requestedAt"),
        dataIndex: "review_requested_at",
        width: 128,
        ...sortProps("requested", state.sort.sort, state.sort.desc),
        render: (v: string | null) => <DateTimeLines value={v} />,
      },
      { ...published, width: 112, render: (v: string) => <DateTimeLines value={v} /> },
      exposure,
      reads,
      interactions,
      {
        title: t("bindings.actions"),
        key: "actions",
        width: 228,
        fixed: "right",
        render: (_: unknown, n: QueueNote) => <RequestedRowActions row={n} h={handlers} />,
      },
    ];
    return base;
  })();

  const activeTab: TabKey = state.tab ?? "all";

  return (
    <div className="page-stack" data-testid="requested-page">
      <NoteFilterBar withRequested onApply={state.setQuery} onExport={() => void exporter.run(state.args)} exporting={exporter.starting} />
      <div className="table-toolbar tabs-toolbar">
        <Tabs
          className="requested-tabs"
          activeKey={activeTab}
          onChange={(key) => state.setTab(key === "all" ? null : (key as ReviewTab))}
          items={TABS.map(({ key, label }) => ({
            key,
            label: (
              <span data-testid={`requested-tab-${key}`}>
                {t(label)}
                <span className="tab-count num">{counts.data ? formatCount(counts.data[key]) : "…"}</span>
              </span>
            ),
          }))}
        />
        <div className="toolbar-spacer" />
        <QuotaMeter enterpriseId={enterpriseId} />
      </div>
      <NoteTable state={state} columns={columns} testId="requested-table" scrollX={1396} emptyText={t("requested.empty")} />
      <NoteDetailDrawer noteRowId={detailId} onClose={() => setDetailId(null)} />
      <BoostModal note={boosting} onClose={() => setBoosting(null)} />
      {requestFlow.dialog}
      {exporter.dialog}
    </div>
  );
}

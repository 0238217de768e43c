import { Button, Empty, Tooltip, Typography, type TableProps } from "antd";
import { ImportOutlined, SendOutlined } from "@ant-design/icons";
import { useMemo, useState, type Key } from "react";
import type { QueueNote } from "../../api/commands.gen";
import { useT } from "../../i18n/useT";
import { usePermission } from "../bindings/hooks";
import { useEnterprise } from "../session/EnterpriseProvider";
import { ImportDrawer } from "./import/ImportDrawer";
import { NoteDetailDrawer } from "./NoteDetailDrawer";
import { NoteFilterBar } from "./NoteFilterBar";
import { noteColumns } from "./noteColumns";
import { NoteTable } from "./NoteTable";
import { QuotaMeter } from "./QuotaMeter";
import { useNoteExport } from "./useNoteExport";
import { useNoteList } from "./useNoteList";
import { useNoteMarks } from "./useNoteMarks";
import { useRequestFlow } from "./useRequestFlow";

/** 待审核笔记 (N-1, N-3..N-5, S-1): staff notes not yet submitted, filtered and sorted in the core. */
export function NotesPage() {
  const t = useT();
  const { current } = useEnterprise();
  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  // key: another brand starts filters, pages and the selection afresh
  return <NotesView key={current.id} enterpriseId={current.id} />;
}

function NotesView({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const canManage = usePermission("manage_notes");
  const state = useNoteList(enterpriseId, "queue", "published");
  const marks = useNoteMarks(enterpriseId);
  const exporter = useNoteExport(t("notes.exportFileQueue"));
  const requestFlow = useRequestFlow(enterpriseId);
  const [selected, setSelected] = useState<Key[]>([]);
  const [importOpen, setImportOpen] = useState(false);
  const [detailId, setDetailId] = useState<number | null>(null);

  const columns = useMemo(() => {
    const base = noteColumns(t, state.sort, marks);
    base.push({
      title: t("bindings.actions"),
      key: "actions",
      width: 96,
      fixed: "right",
      render: (_: unknown, n: QueueNote) => (
        <Button type="link" size="small" onClick={() => setDetailId(n.id)} data-testid="row-detail" data-row-id={n.id}>
          {t("notes.action.detail")}
        </Button>
      ),
    });
    return base;
  }, [t, state.sort, marks]);

  const rowSelection: TableProps<QueueNote>["rowSelection"] = canManage
    ? {
        selectedRowKeys: selected,
        onChange: setSelected,
        preserveSelectedRowKeys: true,
        columnWidth: 48,
        fixed: "left",
        getCheckboxProps: (n) => ({ disabled: n.too_old, "data-testid": `select-${n.id}` }) as object,
        renderCell: (_checked, n, _i, node) =>
          n.too_old ? (
            <Tooltip title={t("notes.tooOldHint", { days: marks.maxAgeDays })} placement="right">
              <span className="tooltip-wrap">{node}</span>
            </Tooltip>
          ) : (
            node
          ),
      }
    : undefined;

  const submit = () => requestFlow.run(selected.map(Number), () => setSelected([]));

  return (
    <div className="page-stack" data-testid="notes-page">
      <NoteFilterBar onApply={state.setQuery} onExport={() => void exporter.run(state.args)} exporting={exporter.starting} />
      <div className="table-toolbar">
        <QuotaMeter enterpriseId={enterpriseId} />
        <div className="toolbar-spacer" />
        {canManage && (
          <>
            {selected.length > 0 && (
              <Typography.Text type="secondary" data-testid="notes-selected">
                {t("notes.selected", { n: selected.length })}
              </Typography.Text>
            )}
            <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)} data-testid="notes-import-button">
              {t("notes.import")}
            </Button>
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={selected.length === 0}
              loading={requestFlow.pending}
              onClick={submit}
              data-testid="notes-request-button"
            >
              {t("notes.request")}
            </Button>
          </>
        )}
      </div>
      <NoteTable
        state={state}
        columns={columns}
        testId="notes-table"
        scrollX={canManage ? 990 : 942}
        emptyText={t("notes.empty")}
        rowSelection={rowSelection}
      />
      {canManage && <ImportDrawer open={importOpen} enterpriseId={enterpriseId} onClose={() => setImportOpen(false)} />}
      <NoteDetailDrawer noteRowId={detailId} onClose={() => setDetailId(null)} />
      {requestFlow.dialog}
      {exporter.dialog}
    </div>
  );
}

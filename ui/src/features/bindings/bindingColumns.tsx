import { Button, Space, Tag, Tooltip, Typography, type TableColumnsType } from "antd";
import type { BindingRow } from "../../api/commands.gen";
import { EllipsisCell } from "../../components/EllipsisCell";
import { formatDateTime } from "../../format/dateTime";
import type { Translate } from "../../i18n/LanguageProvider";
import type { BindingAction } from "./hooks";
import { MODE_COLOR, STATUS_COLOR, jobTitleLabel, modeKey, nextActionKey, statusKey } from "./labels";

type Actions = {
  canManage: boolean;
  onAction: (action: BindingAction, row: BindingRow) => void;
  onHistory: (row: BindingRow) => void;
};

function RowActions({ row, t, actions }: { row: BindingRow; t: Translate; actions: Actions }) {
  const live = row.status === "active" || row.status === "frozen";
  const link = (action: BindingAction, label: string, danger = false) => (
    <Button
      type="link"
      size="small"
      danger={danger}
      data-testid={`binding-${action.toLowerCase()}-${row.id}`}
      onClick={() => actions.onAction(action, row)}
    >
      {label}
    </Button>
  );
  return (
    <Space size={0} wrap={false}>
      {actions.canManage && live && link("unbind", t("bindings.action.unbind"), true)}
      {actions.canManage && row.status === "active" && link("freeze", t("bindings.action.freeze"))}
      {actions.canManage && row.status === "frozen" && link("unfreeze", t("bindings.action.unfreeze"))}
      {actions.canManage && live && row.mode === "enterprise" && link("handOver", t("bindings.action.handOver"))}
      <Button type="link" size="small" data-testid={`binding-history-${row.id}`} onClick={() => actions.onHistory(row)}>
        {t("bindings.action.history")}
      </Button>
    </Space>
  );
}

export function bindingColumns(t: Translate, actions: Actions): TableColumnsType<BindingRow> {
  return [
    { title: t("bindings.xhsId"), dataIndex: "xhs_id", width: 120, fixed: "left", ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("bindings.nickname"), dataIndex: "nickname", width: 130, ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("bindings.staffName"), dataIndex: "staff_name", width: 90, ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("bindings.store"), dataIndex: "store_name", width: 130, ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("binding.jobTitle"), dataIndex: "job_title", width: 80, render: (v: string) => <Tag color="magenta">{jobTitleLabel(t, v)}</Tag> },
    {
      title: t("bindings.mode"),
      dataIndex: "mode",
      width: 132,
      render: (mode: BindingRow["mode"]) => <Tag color={MODE_COLOR[mode]}>{t(modeKey(mode))}</Tag>,
    },
    {
      title: t("bindings.status"),
      dataIndex: "status",
      width: 84,
      render: (status: BindingRow["status"], row) => {
        const tag = <Tag color={STATUS_COLOR[status]}>{t(statusKey(status))}</Tag>;
        return row.end_reason ? <Tooltip title={row.end_reason}>{tag}</Tooltip> : tag;
      },
    },
    {
      title: t("bindings.boundAt"),
      key: "bound_at",
      width: 150,
      render: (_: unknown, row) => (
        <div className="cell-lines num">
          {row.effective_at ? (
            <span>{formatDateTime(row.effective_at)}</span>
          ) : (
            <Typography.Text type="secondary">{t("bindings.invitedAt", { at: formatDateTime(row.invited_at) })}</Typography.Text>
          )}
          {row.ended_at && <Typography.Text type="secondary">{t("bindings.endedAt", { at: formatDateTime(row.ended_at) })}</Typography.Text>}
        </div>
      ),
    },
    {
      title: t("bindings.nextAction"),
      key: "next_action",
      width: 150,
      render: (_: unknown, row) =>
        row.next_action_at && row.next_action ? (
          <div className="cell-lines" data-testid={`binding-next-${row.id}`}>
            <span className="num">{formatDateTime(row.next_action_at)}</span>
            <Typography.Text type="secondary">{t(nextActionKey(row.next_action))}</Typography.Text>
          </div>
        ) : (
          "—"
        ),
    },
    {
      title: t("bindings.actions"),
      key: "actions",
      width: 200,
      fixed: "right",
      render: (_: unknown, row) => <RowActions row={row} t={t} actions={actions} />,
    },
  ];
}

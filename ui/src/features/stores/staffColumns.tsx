import { Button, Tag, type TableColumnsType } from "antd";
import type { StaffRow } from "../../api/commands.gen";
import { EllipsisCell } from "../../components/EllipsisCell";
import { formatCount } from "../../format/number";
import type { Translate } from "../../i18n/LanguageProvider";

/** `onLeave`: the 离职 action per row, for roles that manage the roster (U-2). */
export function staffColumns(t: Translate, onLeave?: (row: StaffRow) => void): TableColumnsType<StaffRow> {
  const columns: TableColumnsType<StaffRow> = [
    { title: t("staff.name"), dataIndex: "name", width: 88, fixed: "left", ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("staff.employeeNo"), dataIndex: "employee_no", width: 88, render: (v: string | null) => <span className="mono">{v ?? "—"}</span> },
    { title: t("staff.store"), dataIndex: "store_name", width: 150, ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("staff.position"), dataIndex: "position", width: 96, ellipsis: { showTitle: false }, render: (v: string | null) => <EllipsisCell text={v} /> },
    { title: t("staff.phone"), dataIndex: "phone_masked", width: 116, render: (v: string | null) => <span className="mono">{v ?? "—"}</span> },
    { title: t("staff.idNumber"), dataIndex: "id_masked", width: 172, render: (v: string) => <span className="mono">{v || t("staff.idPending")}</span> },
    { title: t("staff.hiredAt"), dataIndex: "hired_on", width: 104, render: (v: string) => <span className="num">{v}</span> },
    { title: t("staff.xhsId"), dataIndex: "xhs_id", width: 116, ellipsis: { showTitle: false }, render: (v: string | null) => <EllipsisCell text={v} /> },
    { title: t("staff.nickname"), dataIndex: "nickname", ellipsis: { showTitle: false }, render: (v: string | null) => <EllipsisCell text={v} /> },
    { title: t("staff.followers"), dataIndex: "followers", width: 84, align: "right", render: (v: number | null) => <span className="num">{formatCount(v)}</span> },
    {
      title: t("staff.bindingMode"),
      dataIndex: "binding_mode",
      width: 128,
      render: (mode: StaffRow["binding_mode"]) =>
        mode === "enterprise" ? (
          <Tag color="blue">{t("staff.binding.enterprise")}</Tag>
        ) : mode === "personal" ? (
          <Tag color="purple">{t("staff.binding.personal")}</Tag>
        ) : (
          <Tag>{t("staff.unbound")}</Tag>
        ),
    },
    { title: t("staff.jobTitle"), dataIndex: "job_title", width: 84, render: (v: string | null) => (v ? <Tag>{v}</Tag> : "—") },
  ];
  if (onLeave) {
    columns.push({
      title: t("staff.actions"),
      key: "actions",
      width: 80,
      fixed: "right",
      render: (_: unknown, row) => (
        <Button size="small" danger onClick={() => onLeave(row)} data-testid={`staff-leave-${row.id}`}>
          {t("staff.leave")}
        </Button>
      ),
    });
  }
  return columns;
}

import { Button, Dropdown, Space, Tooltip } from "antd";
import { DownOutlined } from "@ant-design/icons";
import type { QueueNote } from "../../api/commands.gen";
import { useT } from "../../i18n/useT";

export type RowHandlers = {
  canManage: boolean;
  onDetail: (n: QueueNote) => void;
  onBoost: (n: QueueNote) => void;
  onJuguang: (n: QueueNote) => void;
  onRerequest: (n: QueueNote) => void;
  onCopyLink: (n: QueueNote) => void;
  busyJuguang: number | null;
  busyRerequest: number | null;
};

/**
 * N-6 row actions by state: 审核通过 → 内容加热, 前往聚光, 更多 (笔记详情, 复制笔记链接); 审核不通过 → 发起审核申请,
 * 笔记详情; 审核中 → 笔记详情. Roles without manage_notes see only the read actions.
 */
export function RequestedRowActions({ row, h }: { row: QueueNote; h: RowHandlers }) {
  const t = useT();
  const detail = (
    <Button type="link" size="small" onClick={() => h.onDetail(row)} data-testid="row-detail" data-row-id={row.id}>
      {t("notes.action.detail")}
    </Button>
  );

  if (row.review_state === "approved") {
    // a disabled button gets no pointer events in WebKit: the tooltip hangs on a wrapper
    const juguang = row.on_juguang ? (
      <Tooltip title={t("notes.onJuguangHint")}>
        <span className="tooltip-wrap">
          <Button type="link" size="small" disabled className="no-pointer" data-testid="row-juguang" data-row-id={row.id}>
            {t("notes.action.juguang")}
          </Button>
        </span>
      </Tooltip>
    ) : (
      <Button
        type="link"
        size="small"
        loading={h.busyJuguang === row.id}
        onClick={() => h.onJuguang(row)}
        data-testid="row-juguang"
        data-row-id={row.id}
      >
        {t("notes.action.juguang")}
      </Button>
    );
    return (
      <Space size={0} wrap={false}>
        {h.canManage && (
          <Button type="link" size="small" onClick={() => h.onBoost(row)} data-testid="row-boost" data-row-id={row.id}>
            {t("notes.action.boost")}
          </Button>
        )}
        {h.canManage && juguang}
        <Dropdown
          trigger={["click"]}
          menu={{
            items: [
              { key: "detail", label: <span data-testid="row-more-detail">{t("notes.action.detail")}</span> },
              { key: "copy", label: <span data-testid="row-more-copy">{t("notes.action.copyLink")}</span> },
            ],
            onClick: ({ key }) => (key === "detail" ? h.onDetail(row) : h.onCopyLink(row)),
          }}
        >
          <Button type="link" size="small" data-testid="row-more" data-row-id={row.id}>
            {t("notes.action.more")}
            <DownOutlined />
          </Button>
        </Dropdown>
      </Space>
    );
  }

  if (row.review_state === "rejected")
    return (
      <Space size={0} wrap={false}>
        {h.canManage && (
          <Button
            type="link"
            size="small"
            loading={h.busyRerequest === row.id}
            onClick={() => h.onRerequest(row)}
            data-testid="row-rerequest"
            data-row-id={row.id}
          >
            {t("notes.action.rerequest")}
          </Button>
        )}
        {detail}
      </Space>
    );

  return detail;
}

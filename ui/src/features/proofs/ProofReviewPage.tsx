import { Button, Empty, Modal, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { EyeOutlined, FileImageOutlined, FilePdfOutlined } from "@ant-design/icons";
import { useState } from "react";
import type { PendingProof } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { EllipsisCell } from "../../components/EllipsisCell";
import { formatDateTime } from "../../format/dateTime";
import { useT } from "../../i18n/useT";
import { usePendingProofs, usePermission } from "../bindings/hooks";
import { MODE_COLOR, jobTitleLabel, modeKey } from "../bindings/labels";
import { ProofPreview } from "./ProofPreview";
import { formatBytes, isImage } from "./proofFile";
import { ReviewModal, type Verdict } from "./ReviewModal";

/** 证明审核 (B-15): employment proofs waiting for the platform, oldest first, across brands. */
export function ProofReviewPage() {
  const t = useT();
  const allowed = usePermission("review_proof");
  const proofs = usePendingProofs(allowed);
  // Opening a proof is recorded in the history, so it is shown only when the reviewer asks.
  const [viewing, setViewing] = useState<PendingProof | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);

  if (!allowed) return <Empty description={t("proofs.reviewerOnly")} />;
  if (proofs.isError) return <QueryError error={proofs.error} onRetry={() => void proofs.refetch()} />;

  const columns: TableColumnsType<PendingProof> = [
    { title: t("proofs.brand"), dataIndex: "enterprise_name", width: 140, ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("proofs.staff"), dataIndex: "staff_name", width: 90 },
    { title: t("bindings.xhsId"), dataIndex: "xhs_id", width: 120, ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("bindings.mode"), dataIndex: "mode", width: 132, render: (m: PendingProof["mode"]) => <Tag color={MODE_COLOR[m]}>{t(modeKey(m))}</Tag> },
    { title: t("binding.jobTitle"), dataIndex: "job_title", width: 80, render: (v: string) => <Tag color="magenta">{jobTitleLabel(t, v)}</Tag> },
    { title: t("proofs.uploadedAt"), dataIndex: "uploaded_at", width: 140, render: (v: string) => <span className="num">{formatDateTime(v)}</span> },
    {
      title: t("proofs.file"),
      key: "file",
      ellipsis: { showTitle: false },
      render: (_: unknown, p) => (
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setViewing(p)} data-testid={`proof-view-${p.binding_id}`}>
          {isImage(p.mime) ? <FileImageOutlined /> : <FilePdfOutlined />} {p.name} · {formatBytes(p.size)}
        </Button>
      ),
    },
    {
      title: t("bindings.actions"),
      key: "actions",
      width: 150,
      fixed: "right",
      render: (_: unknown, p) => (
        <Space size={4}>
          <Button size="small" onClick={() => setVerdict({ proof: p, compliant: true })} data-testid={`proof-compliant-${p.binding_id}`}>
            {t("proofs.compliant")}
          </Button>
          <Button size="small" danger onClick={() => setVerdict({ proof: p, compliant: false })} data-testid={`proof-noncompliant-${p.binding_id}`}>
            {t("proofs.nonCompliant")}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="page-stack" data-testid="proofs-page">
      <Table<PendingProof>
        data-testid="proofs-table"
        rowKey="binding_id"
        size="middle"
        columns={columns}
        dataSource={proofs.data ?? []}
        loading={proofs.isLoading}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("proofs.empty")} /> }}
      />
      <Modal
        open={viewing !== null}
        title={viewing ? t("proofs.previewTitle", { name: viewing.staff_name }) : ""}
        footer={null}
        width={viewing && !isImage(viewing.mime) ? 960 : 720}
        onCancel={() => setViewing(null)}
        destroyOnHidden
      >
        {viewing && (
          <div className="page-stack">
            <ProofPreview proofId={viewing.proof_id} mime={viewing.mime} name={viewing.name} size={viewing.size} />
            <Typography.Text type="secondary">{t("proofs.viewLogged")}</Typography.Text>
          </div>
        )}
      </Modal>
      <ReviewModal verdict={verdict} onClose={() => setVerdict(null)} />
    </div>
  );
}

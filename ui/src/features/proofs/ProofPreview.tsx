import { Image, Typography } from "antd";
import { FileImageOutlined, FilePdfOutlined } from "@ant-design/icons";
import { formatBytes, isImage, proofUrl } from "./proofFile";
import { useT } from "../../i18n/useT";

type Props = { proofId: string; mime: string; name: string; size: number; testId?: string };

/** An image proof shown from the kosproof protocol; a PDF as a file card (WebKit cannot render PDF inline). */
export function ProofPreview({ proofId, mime, name, size, testId = "proof-preview" }: Props) {
  const t = useT();
  const image = isImage(mime);
  return (
    <div className="proof-preview" data-testid={testId}>
      {image ? (
        <Image src={proofUrl(proofId)} alt={name} className="proof-image" />
      ) : (
        <FilePdfOutlined className="proof-file-icon" />
      )}
      <div className="proof-file-meta">
        <Typography.Text strong ellipsis={{ tooltip: name }} className="proof-file-name">
          {image ? <FileImageOutlined /> : null} {name}
        </Typography.Text>
        <Typography.Text type="secondary" className="num">
          {formatBytes(size)}
        </Typography.Text>
        {!image && <Typography.Text type="secondary">{t("proofs.pdfHint")}</Typography.Text>}
      </div>
    </div>
  );
}

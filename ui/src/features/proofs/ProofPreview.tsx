import { Image, Typography } from "antd";
import { FileImageOutlined, FilePdfOutlined } from "@ant-design/icons";
import { formatBytes, isImage, proofUrl } from "./proofFile";
import { PdfViewer } from "./PdfViewer";
import "./proofs.css";

type Props = { proofId: string; mime: string; name: string; size: number; testId?: string };

/** A proof from the kosproof protocol: an image as it is, a PDF page by page in the viewer (B-10). */
export function ProofPreview({ proofId, mime, name, size, testId = "proof-preview" }: Props) {
  const meta = (
    <div className="proof-file-meta">
      <Typography.Text strong ellipsis={{ tooltip: name }} className="proof-file-name">
        {isImage(mime) ? <FileImageOutlined /> : <FilePdfOutlined className="proof-pdf-mark" />} {name}
      </Typography.Text>
      <Typography.Text type="secondary" className="num">
        {formatBytes(size)}
      </Typography.Text>
    </div>
  );
  if (!isImage(mime)) {
    return (
      <div className="proof-preview proof-preview-pdf" data-testid={testId}>
        {meta}
        <PdfViewer url={proofUrl(proofId)} name={name} />
      </div>
    );
  }
  return (
    <div className="proof-preview" data-testid={testId}>
      <Image src={proofUrl(proofId)} alt={name} className="proof-image" />
      {meta}
    </div>
  );
}

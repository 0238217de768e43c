import { Empty } from "antd";
import { Navigate, useNavigate, useParams } from "react-router";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { CampaignBoardView } from "./CampaignBoardView";

/** `#/campaigns/<id>/board` (I-1..I-3): one campaign's board, reachable by link; 返回 goes to the list. */
export function CampaignBoardPage() {
  const t = useT();
  const navigate = useNavigate();
  const enterprise = useEnterprise().current;
  const id = Number(useParams().campaignId);
  if (!Number.isSafeInteger(id) || id <= 0) return <Navigate to="/campaigns" replace />;
  if (!enterprise) return <Empty description={t("header.noEnterprise")} />;
  return <CampaignBoardView campaignId={id} onBack={() => void navigate("/campaigns")} />;
}

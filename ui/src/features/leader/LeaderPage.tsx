import { Empty, Select, Spin } from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { Campaign } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { useT } from "../../i18n/useT";
import { LeaderBoard } from "../campaigns/LeaderBoard";
import { useCampaigns } from "../campaigns/hooks";
import { statusLabel } from "../campaigns/labels";
import { usePhoneLayout } from "../phone/layout";
import { useEnterprise } from "../session/EnterpriseProvider";
import "./leader.css";

/** The campaign a leader most likely wants: the latest running one, else the latest by end date. */
export function defaultCampaign(campaigns: Campaign[]): Campaign | undefined {
  const latest = [...campaigns].sort((a, b) => b.end_date.localeCompare(a.end_date) || b.id - a.id);
  return latest.find((c) => c.status === "running") ?? latest[0];
}

/**
 * 领导看板: the leader's read-only view of a campaign, with a full-screen mode for the meeting room. On a phone
 * (U-5) the campaign is part of the address (`/m/campaigns/12/board`, the link a leader is sent) and picking
 * another one moves there; no full screen (the phone is one).
 */
export function LeaderPage() {
  const t = useT();
  const phone = usePhoneLayout();
  const navigate = useNavigate();
  const linked = Number(useParams().campaignId ?? NaN);
  const enterprise = useEnterprise().current;
  const campaigns = useCampaigns(enterprise?.id);
  const [chosen, setPicked] = useState<number | null>(null);
  const picked = chosen ?? (Number.isFinite(linked) ? linked : null);
  const [fullscreen, setFullscreen] = useState(false);

  if (!enterprise) return <Empty description={t("header.noEnterprise")} />;
  if (campaigns.isPending) return <Spin className="centered-fill" />;
  if (campaigns.isError) return <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  const list = campaigns.data;
  const current = list.find((c) => c.id === picked) ?? defaultCampaign(list);
  if (!current) return <Empty description={t("leader.noCampaigns")} data-testid="leader-no-campaigns" />;

  return (
    <div className={`leader-page${phone ? " leader-page-phone" : ""}`} data-testid="leader-page">
      <div className="table-toolbar">
        <span>{t("leader.pickCampaign")}</span>
        <Select
          data-testid="leader-campaign"
          className="leader-campaign-select"
          value={current.id}
          onChange={(id: number) => (phone ? void navigate(`/m/campaigns/${id}/board`) : setPicked(id))}
          // on a phone the dates are in the board's header: the name and state fit the width
          options={list.map((c) => ({
            value: c.id,
            label: phone ? `${c.name}（${t(statusLabel(c.status))}）` : `${c.name}（${c.start_date} ~ ${c.end_date} · ${t(statusLabel(c.status))}）`,
          }))}
        />
      </div>
      <LeaderBoard
        key={current.id}
        campaignId={current.id}
        fullscreen={fullscreen}
        onFullscreen={phone ? undefined : () => setFullscreen(true)}
        onExit={() => setFullscreen(false)}
      />
    </div>
  );
}

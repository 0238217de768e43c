import { Empty, Select, Spin } from "antd";
import { useState } from "react";
import type { Campaign } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { useT } from "../../i18n/useT";
import { LeaderBoard } from "../campaigns/LeaderBoard";
import { useCampaigns } from "../campaigns/hooks";
import { statusLabel } from "../campaigns/labels";
import { useEnterprise } from "../session/EnterpriseProvider";
import "./leader.css";

/** The campaign a leader most likely wants: the latest running one, else the latest by end date. */
export function defaultCampaign(campaigns: Campaign[]): Campaign | undefined {
  const latest = [...campaigns].sort((a, b) => b.end_date.localeCompare(a.end_date) || b.id - a.id);
  return latest.find((c) => c.status === "running") ?? latest[0];
}

/** 领导看板: the leader's read-only view of a campaign, with a full-screen mode for the meeting room. */
export function LeaderPage() {
  const t = useT();
  const enterprise = useEnterprise().current;
  const campaigns = useCampaigns(enterprise?.id);
  const [picked, setPicked] = useState<number | null>(null);
  const [fullscreen, setFullscreen] = useState(false);

  if (!enterprise) return <Empty description={t("header.noEnterprise")} />;
  if (campaigns.isPending) return <Spin className="centered-fill" />;
  if (campaigns.isError) return <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  const list = campaigns.data;
  const current = list.find((c) => c.id === picked) ?? defaultCampaign(list);
  if (!current) return <Empty description={t("leader.noCampaigns")} data-testid="leader-no-campaigns" />;

  return (
    <div className="leader-page" data-testid="leader-page">
      <div className="table-toolbar">
        <span>{t("leader.pickCampaign")}</span>
        <Select
          data-testid="leader-campaign"
          className="leader-campaign-select"
          value={current.id}
          onChange={(id: number) => setPicked(id)}
          options={list.map((c) => ({ value: c.id, label: `${c.name}（${c.start_date} ~ ${c.end_date} · ${t(statusLabel(c.status))}）` }))}
        />
      </div>
      <LeaderBoard
        key={current.id}
        campaignId={current.id}
        fullscreen={fullscreen}
        onFullscreen={() => setFullscreen(true)}
        onExit={() => setFullscreen(false)}
      />
    </div>
  );
}

import { Button, Typography } from "antd";
import { useEffect, useMemo } from "react";
import type { CampaignBoard, PersonAward } from "../../bindings";
import { EChart } from "../../components/EChart";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import { rankingChartOption } from "./rankingChartOption";

/** 2-1-3: the winner in the middle, highest. */
export function podiumOrder(honour: PersonAward[]): PersonAward[] {
  const byRank = [...honour].sort((a, b) => a.rank - b.rank).slice(0, 3);
  const [first, second, third] = byRank;
  return [second, first, third].filter((p): p is PersonAward => p !== undefined);
}

/** The leader view: a fixed overlay over the whole app; Esc or the button leaves it. */
export function FullscreenBoard({ data, scope, onExit }: { data: CampaignBoard; scope: string; onExit: () => void }) {
  const t = useT();
  const { lang } = useLang();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onExit();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onExit]);
  const option = useMemo(() => rankingChartOption(data.board.ranking.slice(0, 10)), [data.board.ranking]);

  return (
    <div className="board-fullscreen" data-testid="board-fullscreen-view" role="dialog" aria-modal="true" aria-label={data.campaign.name}>
      <div className="board-fullscreen-head">
        <Typography.Title level={2} className="board-fullscreen-title">
          {data.campaign.name}
        </Typography.Title>
        <span className="board-fullscreen-sub">
          {data.campaign.start_date} ~ {data.campaign.end_date} · <span data-testid="fullscreen-scope">{scope}</span> ·{" "}
          {t("board.asOf", { date: data.metrics_as_of === "latest" ? t("board.asOfLatest") : data.metrics_as_of })}
        </span>
        <Button data-testid="fullscreen-exit" onClick={onExit}>
          {t("board.exitFullscreen")}
        </Button>
      </div>
      <div className="board-fullscreen-body">
        <section className="board-fullscreen-col">
          <h3>{t("board.honour")}</h3>
          <div className="podium" data-testid="podium" aria-label={t("board.podium")}>
            {podiumOrder(data.board.honour).map((p) => (
              <div key={p.staff_id} className={`podium-place podium-place-${p.rank}`} data-testid={`podium-place-${p.rank}`}>
                <div className="podium-name">{p.staff_name}</div>
                {p.store_name && <div className="podium-store">{p.store_name}</div>}
                <div className="podium-total num">{formatCount(p.total_interactions)}</div>
                <div className="podium-block">{p.rank}</div>
              </div>
            ))}
          </div>
          <h3>{t("board.viral")}</h3>
          <ol className="fullscreen-notes">
            {data.board.viral.map((n) => (
              <li key={n.note_id}>
                <span>
                  {n.rank}. {n.staff_name}
                  {n.store_name && <span className="fullscreen-store"> · {n.store_name}</span>} <span className="fullscreen-title">{n.title || n.note_id}</span>
                </span>
                <span className="num">
                  {formatCount(n.interactions)} · ¥{formatCount(n.amount_yuan)}
                </span>
              </li>
            ))}
          </ol>
          <p className="fullscreen-rules">{data.board.rules_text.map((r) => (lang === "en" ? r.en : r.zh)).join(" ")}</p>
        </section>
        <section className="board-fullscreen-col board-fullscreen-chart">
          <h3>{t("board.chartTitle")}</h3>
          <EChart option={option} className="echart-fullscreen" testId="ranking-chart" />
        </section>
      </div>
    </div>
  );
}

import { ExclamationCircleFilled, FullscreenOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Empty, Select, Spin, Tooltip } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { AwardKind, LeaderNote, LeaderPerson, LeaderView } from "../../api/commands.gen";
import { EChart } from "../../components/EChart";
import { QueryError } from "../../components/QueryError";
import { formatCount } from "../../format/number";
import { formatDateTime } from "../../format/dateTime";
import { useLang, useT } from "../../i18n/useT";
import type { MessageKey } from "../../i18n/zh";
import { usePhoneLayout } from "../phone/layout";
import { useLeaderView } from "./hooks";
import { chartFontSize, leaderBarOption, leaderTrendOption } from "./leaderCharts";
import { scopeText } from "./labels";
import "./campaigns.css";

/** 2-1-3: the winner in the middle, highest. */
export function podiumOrder<P extends { place: number }>(people: P[]): P[] {
  const [first, second, third] = [...people].sort((a, b) => a.place - b.place).slice(0, 3);
  return [second, first, third].filter((p): p is P => p !== undefined);
}

const AWARD_SHORT: Record<AwardKind, MessageKey> = {
  viral: "leader.award.viral",
  ranking: "leader.award.ranking",
  honour: "leader.award.honour",
};

/** The window's height, followed on resize (chart fonts scale with the screen). */
function useWindowHeight(): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener("resize", on);
    return () => window.removeEventListener("resize", on);
  }, []);
  return h;
}

function Flags({ flags }: { flags: LeaderPerson["flags"] }) {
  const t = useT();
  const { lang } = useLang();
  if (flags.length === 0) return null;
  return (
    <Tooltip title={`${t("board.flagTip")}${flags.map((f) => (lang === "en" ? f.en : f.zh)).join("；")}`}>
      <span className="leader-flag" data-testid="leader-flag">
        <ExclamationCircleFilled /> {t("board.flag")}
      </span>
    </Tooltip>
  );
}

function AwardChips({ awards }: { awards: AwardKind[] }) {
  const t = useT();
  return (
    <>
      {awards.map((k) => (
        <span key={k} className={`leader-chip leader-chip-${k}`}>
          {t(AWARD_SHORT[k])}
        </span>
      ))}
    </>
  );
}

function Podium({ people, narrowed }: { people: LeaderPerson[]; narrowed: boolean }) {
  const t = useT();
  if (people.length === 0) return <Empty className="leader-empty" description={t("board.emptyPeople")} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div className="podium" data-testid="podium" aria-label={t("board.podium")}>
      {podiumOrder(people).map((p) => (
        <div key={p.staff_id} className={`podium-place podium-place-${p.place}`} data-testid={`podium-place-${p.place}`}>
          <div className="podium-name">{p.staff_name}</div>
          <div className="podium-store">{p.store_name || t("board.storeMissing")}</div>
          <div className="podium-total num">{formatCount(p.total_interactions)}</div>
          {narrowed && (
            <div className="podium-chips">
              <AwardChips awards={p.awards} />
            </div>
          )}
          <div className="podium-block">{p.place}</div>
        </div>
      ))}
    </div>
  );
}

function NoteRows({ notes, amount }: { notes: LeaderNote[]; amount: number }) {
  const t = useT();
  if (notes.length === 0) return <Empty className="leader-empty" description={t("board.emptyViral")} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <ol className="leader-notes" data-testid="leader-notes">
      {notes.map((n) => (
        <li key={n.note_id} data-testid={`leader-note-${n.place}`}>
          <span className="leader-note-place">{n.place}</span>
          <span className="leader-note-who">
            {n.staff_name}
            <span className="leader-note-store">{n.store_name}</span>
          </span>
          <span className="leader-note-title" title={n.title}>
            {n.title || t("board.titleMissing")}
          </span>
          <span className="leader-note-count num">{formatCount(n.interactions)}</span>
          <span className="leader-note-award">
            {n.awarded ? <span className="leader-chip leader-chip-viral">¥{formatCount(amount)}</span> : null}
            <Flags flags={n.flags} />
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * 领导看板: the campaign for a leader, whole or narrowed to a store or city: podium, single-note board, top 10
 * and each person's running total. Read-only; refreshed every minute and after each import. `fullscreen`: a
 * fixed overlay for a meeting-room display that Esc leaves.
 */
export function LeaderBoard({
  campaignId,
  fullscreen,
  onFullscreen,
  onExit,
}: {
  campaignId: number;
  fullscreen: boolean;
  onFullscreen?: () => void;
  onExit?: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [city, setCity] = useState<string | null>(null);
  const [storeId, setStoreId] = useState<number | null>(null);
  const view = useLeaderView(campaignId, storeId, city);
  const height = useWindowHeight();
  // U-5: a portrait phone stacks the columns and keeps the charts' text at a readable 14 px
  const phone = usePhoneLayout();
  const fontSize = phone ? 14 : chartFontSize(height);

  useEffect(() => {
    if (!fullscreen || !onExit) return;
    const onKey = (e: KeyboardEvent) => {
      // Esc in an open filter closes the filter, not the screen
      if (e.key === "Escape" && !(e.target instanceof Element && e.target.closest(".ant-select"))) onExit();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [fullscreen, onExit]);

  const data: LeaderView | undefined = view.data;
  const bar = useMemo(() => leaderBarOption(data?.people ?? [], fontSize), [data?.people, fontSize]);
  const trend = useMemo(
    () => leaderTrendOption(data?.dates ?? [], data?.trend ?? [], fontSize, phone ? "bottom" : "right"),
    [data?.dates, data?.trend, fontSize, phone],
  );

  const className = `leader-view${fullscreen ? " leader-view-fullscreen" : ""}${phone ? " leader-view-phone" : ""}`;
  if (view.isPending) return <Spin className="centered-fill" />;
  if (view.isError || !data)
    return (
      <div className={className} data-testid={fullscreen ? "board-fullscreen-view" : "leader-view"}>
        <QueryError error={view.error} onRetry={() => void view.refetch()} />
        {onExit && <Button onClick={onExit}>{t("board.exitFullscreen")}</Button>}
      </div>
    );

  const { campaign } = data.board;
  const narrowed = data.store_id !== null || data.city !== null;
  const where = data.stores.find((s) => s.id === data.store_id)?.name ?? data.city ?? "";
  const storeOptions = data.stores.filter((s) => city === null || s.city === city).map((s) => ({ value: s.id, label: s.name }));
  const rule = (code: string) => data.board.board.rules_text.find((r) => r.code === code);
  const interactionsRule = rule("interactions");

  return (
    <div
      className={className}
      data-testid={fullscreen ? "board-fullscreen-view" : "leader-view"}
      role={fullscreen ? "dialog" : undefined}
      aria-modal={fullscreen ? true : undefined}
      aria-label={campaign.name}
    >
      <header className="leader-head">
        <h2 className="leader-title">{campaign.name}</h2>
        <span className="leader-sub">
          {campaign.start_date} ~ {campaign.end_date} · <span data-testid="fullscreen-scope">{scopeText(campaign, data.stores, t)}</span> ·{" "}
          {t("board.asOf", { date: data.board.metrics_as_of === "latest" ? t("board.asOfLatest") : data.board.metrics_as_of })}
        </span>
        <div className="leader-filters">
          <Select
            className="leader-filter"
            data-testid="leader-city"
            allowClear
            placeholder={t("leader.allCities")}
            value={city}
            options={data.cities.map((c) => ({ value: c, label: c }))}
            onChange={(v: string | undefined) => {
              setCity(v ?? null);
              setStoreId(null);
            }}
            popupMatchSelectWidth={false}
          />
          <Select
            className="leader-filter leader-filter-store"
            data-testid="leader-store"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t("leader.allStores")}
            value={storeId}
            options={storeOptions}
            onChange={(v: number | undefined) => setStoreId(v ?? null)}
            popupMatchSelectWidth={false}
          />
          <Tooltip title={t("leader.refreshTip", { at: formatDateTime(new Date(view.dataUpdatedAt).toISOString()) })}>
            <Button ghost icon={<ReloadOutlined spin={view.isFetching} />} aria-label={t("leader.refresh")} onClick={() => void view.refetch()} data-testid="leader-refresh" />
          </Tooltip>
        </div>
        {fullscreen ? (
          <Button data-testid="fullscreen-exit" onClick={onExit}>
            {t("board.exitFullscreen")}
          </Button>
        ) : (
          onFullscreen && (
            <Button type="primary" icon={<FullscreenOutlined />} data-testid="leader-fullscreen" onClick={onFullscreen}>
              {t("board.fullscreen")}
            </Button>
          )
        )}
      </header>
      {narrowed && (
        <div className="leader-narrowed" data-testid="leader-narrowed">
          {t("leader.narrowed", { where })}
          <Button
            size="small"
            type="link"
            data-testid="leader-clear"
            onClick={() => {
              setCity(null);
              setStoreId(null);
            }}
          >
            {t("leader.showWhole")}
          </Button>
        </div>
      )}
      <div className="leader-body">
        <section className="leader-col">
          <h3>{narrowed ? t("leader.podiumNarrowed", { where }) : t("board.honour")}</h3>
          <Podium people={data.podium} narrowed={narrowed} />
          <h3>{narrowed ? t("leader.notesNarrowed", { where }) : t("board.viral")}</h3>
          <NoteRows notes={data.notes} amount={campaign.rules.viral_award_yuan} />
        </section>
        <section className="leader-col leader-charts">
          <h3>
            {narrowed ? t("leader.peopleNarrowed", { where }) : t("board.chartTitle")}
            {narrowed && <span className="leader-legend"> {t("leader.barLegend")}</span>}
          </h3>
          {data.people.length ? (
            <EChart option={bar} className="leader-chart" testId="ranking-chart" />
          ) : (
            <Empty className="leader-empty" description={t("board.emptyPeople")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
          <h3>{t("leader.trend")}</h3>
          {data.trend.length ? (
            <EChart option={trend} className="leader-chart" testId="trend-chart" />
          ) : (
            <Empty className="leader-empty" description={t("leader.trendEmpty")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </section>
      </div>
      <footer className="leader-foot">
        {interactionsRule && (lang === "en" ? interactionsRule.en : interactionsRule.zh)} · {t("leader.ties")} · {t("leader.autoRefresh")}
      </footer>
    </div>
  );
}

import { Card, Empty } from "antd";
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import type { MonthCount } from "../../api/commands.gen";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import { layoutMonthlyChart, MARGIN } from "./monthlyChartLayout";
import "./overview.css";

const HEIGHT = 320;
/** A width to lay out at before the box is measured (and where there is no layout: unit tests). */
const FALLBACK_WIDTH = 960;

/**
 * 概览's monthly chart: stacked video and image notes per month (left axis) and interactions as a line
 * (right axis), drawn as SVG by the page itself. Issue 15 item 4: it is part of the window's first screen, and
 * loading echarts for it (its code, its start and its first drawing) took about 0.45 s of the web view's one
 * thread before the screen was usable; the other charts still use echarts.
 */
export function MonthlyChart({ months }: { months: MonthCount[] }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
  const [hover, setHover] = useState<number | null>(null);
  // measured before the first paint, then kept to the card's width
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const w = Math.round(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const layout = useMemo(() => layoutMonthlyChart(months, width, HEIGHT, formatCount), [months, width]);
  const { plot, bars } = layout;
  const series = [
    { key: "video", label: t("overview.video") },
    { key: "image", label: t("overview.image") },
    { key: "interactions", label: t("overview.interactions") },
  ] as const;
  const shown = hover === null ? null : months[hover];
  const tip = hover === null ? null : bars[hover];
  return (
    <Card size="small" title={t("overview.chartTitle")}>
      {months.length === 0 ? (
        <Empty description={t("common.noData")} />
      ) : (
        <div ref={box} className="month-chart" data-testid="monthly-chart" onMouseLeave={() => setHover(null)}>
          <svg width={width} height={HEIGHT} role="img" aria-label={t("overview.chartTitle")}>
            <g className="month-chart-legend" transform={`translate(${width / 2 - 150}, 12)`}>
              {series.map((s, i) => (
                <g key={s.key} transform={`translate(${i * 110}, 0)`}>
                  {s.key === "interactions" ? (
                    <line x1={0} x2={22} y1={6} y2={6} className="mc-line" />
                  ) : (
                    <rect width={22} height={12} rx={3} className={`mc-${s.key}`} />
                  )}
                  <text x={28} y={10}>
                    {s.label}
                  </text>
                </g>
              ))}
            </g>
            <text className="month-chart-axis-name" x={plot.x - 8} y={MARGIN.top - 14} textAnchor="end">
              {t("overview.notesAxis")}
            </text>
            <text className="month-chart-axis-name" x={plot.x + plot.w + 8} y={MARGIN.top - 14}>
              {t("overview.interactions")}
            </text>
            {layout.notesTicks.map((v) => (
              <g key={`n${v}`}>
                <line className="mc-grid" x1={plot.x} x2={plot.x + plot.w} y1={layout.notesY(v)} y2={layout.notesY(v)} />
                <text className="mc-tick" x={plot.x - 8} y={layout.notesY(v) + 4} textAnchor="end">
                  {formatCount(v)}
                </text>
              </g>
            ))}
            {layout.interactionTicks.map((v) => (
              <text key={`i${v}`} className="mc-tick" x={plot.x + plot.w + 8} y={layout.interactionsY(v) + 4}>
                {formatCount(v)}
              </text>
            ))}
            {bars.map((b, i) => (
              <g key={b.month}>
                {hover === i && <rect className="mc-hover" x={b.bandX} y={plot.y} width={b.bandW} height={plot.h} />}
                <rect className="mc-video" x={b.barX} y={b.videoY} width={b.barW} height={plot.y + plot.h - b.videoY} />
                <rect className="mc-image" x={b.barX} y={b.imageY} width={b.barW} height={b.videoY - b.imageY} />
                {b.showLabel && (
                  <text className="mc-tick" x={b.lineX} y={plot.y + plot.h + 18} textAnchor="middle">
                    {b.month}
                  </text>
                )}
              </g>
            ))}
            <polyline className="mc-line" points={bars.map((b) => `${b.lineX},${b.lineY}`).join(" ")} />
            {bars.map((b) => (
              <circle key={b.month} className="mc-point" cx={b.lineX} cy={b.lineY} r={3} />
            ))}
            <line className="mc-axis" x1={plot.x} x2={plot.x + plot.w} y1={plot.y + plot.h} y2={plot.y + plot.h} />
            {/* one hover target per month, over everything */}
            {bars.map((b, i) => (
              <rect
                key={b.month}
                className="mc-target"
                x={b.bandX}
                y={plot.y}
                width={b.bandW}
                height={plot.h}
                onMouseEnter={() => setHover(i)}
              />
            ))}
          </svg>
          {shown && tip && (
            <div
              className="month-chart-tip"
              data-testid="monthly-chart-tip"
              style={{ left: Math.min(tip.lineX + 12, width - 180), top: plot.y + 8 }}
            >
              <div className="month-chart-tip-title">{shown.month}</div>
              <div>
                <span className="mc-swatch mc-video" />
                {t("overview.video")} <b>{formatCount(shown.video)}</b>
              </div>
              <div>
                <span className="mc-swatch mc-image" />
                {t("overview.image")} <b>{formatCount(shown.image)}</b>
              </div>
              <div>
                <span className="mc-swatch mc-line-swatch" />
                {t("overview.interactions")} <b>{formatCount(shown.interactions)}</b>
              </div>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}

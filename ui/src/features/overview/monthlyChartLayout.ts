import type { MonthCount } from "../../api/commands.gen";

/** The plot's margins above (the legend, the axes' names) and below (the months). */
export const MARGIN = { top: 44, bottom: 30 } as const;

/** The width of an axis label at the chart's 12 px (digits and commas, about 7 px each), and its gap to the plot. */
export function labelRoom(label: string): number {
  return Math.ceil(label.length * 7.2) + 14;
}

/** The room one month label needs ("2026-06" and a gap). */
export const LABEL_W = 64;

/**
 * Round axis ticks from 0 to at least `max`: about `count` steps of 1, 2, 2.5 or 5 × 10ⁿ, never below 1 (the
 * axes count notes and interactions); 0–5 for an empty axis, so the grid still reads as a scale.
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1, 2, 3, 4, 5];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const ticks: number[] = [];
  for (let v = 0; ticks.length === 0 || ticks[ticks.length - 1] < max; v += step) ticks.push(v);
  return ticks;
}

export type MonthBar = {
  month: string;
  /** the month's band (its hover target) and its bar */
  bandX: number;
  bandW: number;
  barX: number;
  barW: number;
  /** the bars' tops: video from the axis, image stacked on it */
  videoY: number;
  imageY: number;
  /** the interactions point (right axis) */
  lineX: number;
  lineY: number;
  showLabel: boolean;
};

export type ChartLayout = {
  plot: { x: number; y: number; w: number; h: number };
  notesTicks: number[];
  interactionTicks: number[];
  bars: MonthBar[];
  /** y of a value on the left (notes) and on the right (interactions) axis */
  notesY: (v: number) => number;
  interactionsY: (v: number) => number;
};

/**
 * Where everything of 概览's monthly chart goes in a `width` × `height` box: stacked video and image notes per
 * month on the left axis, interactions as a line on the right axis. Month labels thin out so they never
 * overlap (`LABEL_W` each); the latest month always keeps its label.
 */
export function layoutMonthlyChart(
  months: MonthCount[],
  width: number,
  height: number,
  format: (v: number) => string,
): ChartLayout {
  const notesTicks = niceTicks(Math.max(0, ...months.map((m) => m.video + m.image)));
  const interactionTicks = niceTicks(Math.max(0, ...months.map((m) => m.interactions)));
  // each axis as wide as its widest label ("125,000,000" on the right at a million notes)
  const left = Math.max(48, ...notesTicks.map((v) => labelRoom(format(v))));
  const right = Math.max(48, ...interactionTicks.map((v) => labelRoom(format(v))));
  const plot = {
    x: left,
    y: MARGIN.top,
    w: Math.max(width - left - right, 1),
    h: Math.max(height - MARGIN.top - MARGIN.bottom, 1),
  };
  const notesTop = notesTicks[notesTicks.length - 1];
  const interactionsTop = interactionTicks[interactionTicks.length - 1];
  const notesY = (v: number) => plot.y + plot.h - (v / notesTop) * plot.h;
  const interactionsY = (v: number) => plot.y + plot.h - (v / interactionsTop) * plot.h;
  const bandW = plot.w / Math.max(months.length, 1);
  const barW = Math.min(bandW * 0.6, 48);
  const every = Math.max(1, Math.ceil(LABEL_W / bandW));
  const bars = months.map((m, i) => {
    const bandX = plot.x + i * bandW;
    return {
      month: m.month,
      bandX,
      bandW,
      barX: bandX + (bandW - barW) / 2,
      barW,
      videoY: notesY(m.video),
      imageY: notesY(m.video + m.image),
      lineX: bandX + bandW / 2,
      lineY: interactionsY(m.interactions),
      showLabel: (months.length - 1 - i) % every === 0,
    };
  });
  return { plot, notesTicks, interactionTicks, bars, notesY, interactionsY };
}

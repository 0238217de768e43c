import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { MonthCount } from "../../api/commands.gen";
import { formatCount } from "../../format/number";
import { LanguageProvider } from "../../i18n/LanguageProvider";
import { MonthlyChart } from "./MonthlyChart";
import { labelRoom, layoutMonthlyChart, niceTicks } from "./monthlyChartLayout";

const month = (m: string, video: number, image: number, interactions: number): MonthCount => ({ month: m, video, image, interactions });

describe("概览's monthly chart drawn by the page (issue 15 item 4: no echarts on the first screen)", () => {
  it("puts round ticks from 0 to at least the largest value, never in fractions of a note", () => {
    expect(niceTicks(84_912)).toEqual([0, 20_000, 40_000, 60_000, 80_000, 100_000]);
    expect(niceTicks(123_456_789)).toEqual([0, 25_000_000, 50_000_000, 75_000_000, 100_000_000, 125_000_000]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("stacks image notes on video notes from the axis, and leaves room for the widest label on each side", () => {
    const months = [month("2026-01", 30_000, 54_000, 9_000_000), month("2026-02", 10_000, 0, 123_000_000)];
    const l = layoutMonthlyChart(months, 1000, 320, formatCount);
    const bottom = l.plot.y + l.plot.h;
    const [jan, feb] = l.bars;
    expect(l.notesY(0)).toBe(bottom);
    expect(jan.videoY).toBeCloseTo(bottom - (30_000 / 100_000) * l.plot.h);
    expect(l.notesTicks.at(-1)).toBe(100_000);
    expect(jan.imageY).toBeCloseTo(bottom - (84_000 / 100_000) * l.plot.h);
    expect(feb.imageY).toBe(feb.videoY); // no image notes: no image bar
    expect(feb.lineY).toBeLessThan(jan.lineY);
    expect(1000 - (l.plot.x + l.plot.w)).toBeGreaterThanOrEqual(labelRoom("125,000,000"));
    expect(l.plot.x).toBeGreaterThanOrEqual(labelRoom("100,000"));
  });

  it("thins the month labels out on a narrow chart and always keeps the latest month's", () => {
    const months = Array.from({ length: 36 }, (_, i) => month(`m${i}`, 1, 1, 1));
    const wide = layoutMonthlyChart(months, 4000, 320, formatCount).bars;
    const narrow = layoutMonthlyChart(months, 600, 320, formatCount).bars;
    expect(wide.every((b) => b.showLabel)).toBe(true);
    const shown = narrow.filter((b) => b.showLabel);
    expect(shown.length).toBeLessThan(12);
    expect(narrow[35].showLabel).toBe(true);
    // the labels that show never overlap
    const xs = shown.map((b) => b.lineX);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(64);
  });

  it("shows a month's figures on hover, and 暂无数据 without months", () => {
    const { container, unmount } = render(
      <LanguageProvider>
        <MonthlyChart months={[month("2026-05", 1_234, 5_678, 910_111), month("2026-06", 1, 2, 3)]} />
      </LanguageProvider>,
    );
    expect(screen.getByTestId("monthly-chart")).toHaveTextContent("视频笔记");
    expect(screen.queryByTestId("monthly-chart-tip")).not.toBeInTheDocument();
    fireEvent.mouseEnter(container.querySelectorAll(".mc-target")[0]);
    expect(screen.getByTestId("monthly-chart-tip")).toHaveTextContent("2026-05视频笔记 1,234图文笔记 5,678互动量 910,111");
    fireEvent.mouseLeave(screen.getByTestId("monthly-chart"));
    expect(screen.queryByTestId("monthly-chart-tip")).not.toBeInTheDocument();
    unmount();
    render(
      <LanguageProvider>
        <MonthlyChart months={[]} />
      </LanguageProvider>,
    );
    expect(screen.queryByTestId("monthly-chart")).not.toBeInTheDocument();
    expect(screen.getByText("暂无数据")).toBeInTheDocument();
  });
});

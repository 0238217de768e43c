import { lazy, Suspense } from "react";
import type { ECharts, EChartsCoreOption } from "echarts/core";

export type EChartInstance = ECharts;

type Props = {
  option: EChartsCoreOption;
  className?: string;
  testId?: string;
  onInstance?: (chart: EChartInstance | null) => void;
};

// echarts (about 190 KB gzipped) comes with the first chart shown, not with the page (U-5: a phone's first load)
const loadCanvas = () => import("./EChartCanvas");
const Canvas = lazy(() => loadCanvas().then((m) => ({ default: m.EChartCanvas })));

/**
 * Starts fetching echarts before a chart needs it (issue 15 item 4: 概览's chart is part of the window's first
 * screen; echarts then loads while the page waits for its figures, not after them).
 */
export function preloadEChart(): void {
  void loadCanvas();
}

/** One echarts option in a div sized by `className`; an empty box of the same size until echarts has loaded. */
export function EChart(props: Props) {
  return (
    <Suspense fallback={<div className={props.className ?? "echart"} data-testid={props.testId} aria-busy="true" />}>
      <Canvas {...props} />
    </Suspense>
  );
}

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
const Canvas = lazy(() => import("./EChartCanvas").then((m) => ({ default: m.EChartCanvas })));

/** One echarts option in a div sized by `className`; an empty box of the same size until echarts has loaded. */
export function EChart(props: Props) {
  return (
    <Suspense fallback={<div className={props.className ?? "echart"} data-testid={props.testId} aria-busy="true" />}>
      <Canvas {...props} />
    </Suspense>
  );
}

import { lazy, Suspense, useState } from "react";
import type { ECharts, EChartsCoreOption } from "echarts/core";

export type EChartInstance = ECharts;

type Props = {
  option: EChartsCoreOption;
  className?: string;
  testId?: string;
  onInstance?: (chart: EChartInstance | null) => void;
};

// echarts (about 190 KB gzipped) comes with the first chart shown, not with the page (U-5: a phone's first load)
let loaded: (typeof import("./EChartCanvas"))["EChartCanvas"] | null = null;
const loadCanvas = () =>
  import("./EChartCanvas").then((m) => {
    loaded = m.EChartCanvas;
    return m;
  });
const Canvas = lazy(() => loadCanvas().then((m) => ({ default: m.EChartCanvas })));

/** One echarts option in a div sized by `className`; an empty box of the same size until echarts has loaded. */
export function EChart(props: Props) {
  // Issue 15 item 4: once echarts is in, the chart is drawn in the same render. Through React.lazy it would
  // suspend for a moment even then, and React holds back content that replaces a fallback it has just shown
  // (up to 300 ms): measured on the window's first screen when 概览's chart was still an echarts one.
  const [Ready] = useState(() => loaded);
  if (Ready) return <Ready {...props} />;
  return (
    <Suspense fallback={<div className={props.className ?? "echart"} data-testid={props.testId} aria-busy="true" />}>
      <Canvas {...props} />
    </Suspense>
  );
}

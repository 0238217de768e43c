import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import type { EChartsCoreOption } from "echarts/core";
import { CHART_THEME } from "../fonts";

// Only the pieces the app draws, to keep the bundle small.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type EChartInstance = echarts.ECharts;

/**
 * Renders one echarts option into a div and keeps it sized to its container. Loaded on demand through
 * EChart.tsx: echarts is the largest library the pages use, and a phone's first load (U-5) needs none of it
 * before a chart is on screen.
 * `onInstance` hands the live chart out (e.g. for getDataURL) and null when it is disposed. */
export function EChartCanvas({
  option,
  className = "echart",
  testId,
  onInstance,
}: {
  option: EChartsCoreOption;
  className?: string;
  testId?: string;
  onInstance?: (chart: EChartInstance | null) => void;
}) {
  const onInstanceRef = useRef(onInstance);
  useEffect(() => {
    onInstanceRef.current = onInstance;
  }, [onInstance]);
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const instance = echarts.init(el, CHART_THEME);
    chart.current = instance;
    onInstanceRef.current?.(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
      onInstanceRef.current?.(null);
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={host} className={className} data-testid={testId} />;
}

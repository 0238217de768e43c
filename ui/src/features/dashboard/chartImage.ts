import type { EChartInstance } from "../../components/EChart";

/**
 * 导出图片: the chart as a 2× PNG on white, handed to the webview as an <a download> of a data URL.
 * The window has no fs plugin (least privilege), so the webview itself writes the file: on Linux
 * (WebKitGTK, no download handler registered by the app) it lands in the user's 下载 (Downloads) folder
 * under `fileName`; the CSP allows data: URLs.
 */
export function downloadChartPng(chart: EChartInstance, fileName: string): void {
  const url = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
  }
}

import { save } from "@tauri-apps/plugin-dialog";
import type { EChartInstance } from "../../components/EChart";
import { commands } from "../../bindings";
import { unwrap } from "../../api/unwrap";

/**
 * 导出图片 (D-1): the chart as a 2× PNG on white, saved where the user chooses. The webview has no file
 * access (least privilege), so the core writes the file (`save_chart_image`, PNG checked by its magic
 * bytes). Resolves to the saved path, or null when the dialog was cancelled.
 */
export async function saveChartPng(chart: EChartInstance, fileName: string): Promise<string | null> {
  const url = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
  const path = await save({ defaultPath: fileName, filters: [{ name: "PNG", extensions: ["png"] }] });
  if (!path) return null;
  const result = await unwrap(commands.saveChartImage({ path, png_base64: url.slice(url.indexOf(",") + 1) }));
  return result.path;
}

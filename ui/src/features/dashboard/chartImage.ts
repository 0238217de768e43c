import type { EChartInstance } from "../../components/EChart";
import { commands } from "../../api/commands.gen";
import { pickSaveFile } from "../../api/files";
import { unwrap } from "../../api/unwrap";

/**
 * 导出图片 (D-1): the chart as a 2× PNG on white, saved where the user chooses. The webview has no file
 * access (least privilege): the Rust side opens the save dialog and grants the place, and the core writes
 * the file (`save_chart_image`, PNG checked by its magic bytes, the actor must see the brand's dashboard).
 * Resolves to the saved path, or null when the dialog was cancelled.
 */
export async function saveChartPng(chart: EChartInstance, enterpriseId: number, fileName: string): Promise<string | null> {
  const url = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
  const target = await pickSaveFile(fileName, [{ name: "PNG", extensions: ["png"] }]);
  if (!target) return null;
  const result = await unwrap(
    commands.saveChartImage({ enterprise_id: enterpriseId, file: target.token, png_base64: url.slice(url.indexOf(",") + 1) }),
  );
  return result.path;
}

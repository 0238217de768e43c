import { pickSaveFile } from "../../api/files";
import { exportFormat, todayStamp } from "./labels";

/**
 * The save dialog for a list export: XLSX or CSV, the format following the name chosen. Resolves to the
 * save grant's token and the format, or null when cancelled.
 */
export async function chooseExportPath(fileStem: string): Promise<{ file: string; format: "xlsx" | "csv" } | null> {
  const chosen = await pickSaveFile(`${fileStem}-${todayStamp()}.xlsx`, [
    { name: "Excel", extensions: ["xlsx"] },
    { name: "CSV", extensions: ["csv"] },
  ]);
  return chosen ? { file: chosen.token, format: exportFormat(chosen.name) } : null;
}

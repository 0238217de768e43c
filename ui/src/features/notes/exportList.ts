import { save } from "@tauri-apps/plugin-dialog";
import { exportTarget, todayStamp } from "./labels";

/** The save dialog for a list export: XLSX or CSV, the format following the name chosen. */
export async function chooseExportPath(fileStem: string): Promise<{ path: string; format: "xlsx" | "csv" } | null> {
  const chosen = await save({
    defaultPath: `${fileStem}-${todayStamp()}.xlsx`,
    filters: [
      { name: "Excel", extensions: ["xlsx"] },
      { name: "CSV", extensions: ["csv"] },
    ],
  });
  return chosen ? exportTarget(chosen) : null;
}

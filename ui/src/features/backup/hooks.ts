import { useMutation } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import { unwrap } from "../../api/unwrap";

export function useBackupNow() {
  return useMutation({
    mutationFn: (a: { file: string; passphrase: string }) => unwrap(commands.backupNow(a)),
  });
}

export function useInspectBackup() {
  return useMutation({ mutationFn: (file: string) => unwrap(commands.inspectBackup({ file })) });
}

/** Restores, then restarts the window on the restored data (the database is closed by then). */
export function useRestoreBackup() {
  return useMutation({
    mutationFn: async (a: { file: string; passphrase: string }) => {
      const report = await unwrap(commands.restoreBackup(a));
      await commands.restartApp();
      return report;
    },
  });
}

/** 1536 → "1.5 KB"; a backup's size as people read it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export function backupStamp(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}

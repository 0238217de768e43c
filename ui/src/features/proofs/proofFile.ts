import { convertFileSrc } from "@tauri-apps/api/core";

/**
 * The decrypted proof as served by the core's `kosproof` protocol, which checks the acting user's role and
 * records every view in the history. Only render it when the user asks to see the proof.
 */
export function proofUrl(proofId: string): string {
  return convertFileSrc(proofId, "kosproof");
}

export function isImage(mime: string): boolean {
  return mime === "image/jpeg" || mime === "image/png";
}

/** 2_345_678 → "2.2 MB"; 12_300 → "12 KB". */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

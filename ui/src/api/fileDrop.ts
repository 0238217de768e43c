import { listen } from "@tauri-apps/api/event";
import type { FileRef } from "./commands.gen";

/** The Rust side grants a file dropped on the window (the user's own gesture) and sends its `FileRef` here. */
export const FILE_DROPPED = "kos://file-dropped";

export function onFileDropped(handler: (file: FileRef) => void): Promise<() => void> {
  return listen<FileRef>(FILE_DROPPED, (event) => handler(event.payload));
}

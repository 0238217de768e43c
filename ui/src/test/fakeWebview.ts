// Stand-in for "@tauri-apps/api/webview" in unit tests (installed by setup.tsx): drag-and-drop listeners
// are kept here so a test can drop files on the "window" with emitDragDrop().

import type { FileRef } from "../api/commands.gen";
import { grantFor } from "./fakeDialogs";

type DragDropPayload =
  | { type: "enter"; paths: string[]; position: { x: number; y: number } }
  | { type: "over"; position: { x: number; y: number } }
  | { type: "drop"; paths: string[]; position: { x: number; y: number } }
  | { type: "leave" };
type Handler = (event: { event: string; id: number; payload: DragDropPayload }) => void;

const handlers = new Set<Handler>();
const dropped = new Set<(file: FileRef) => void>();

/** Stand-in for "../api/fileDrop": a file dropped on the window arrives as the Rust side's grant. */
export const fakeFileDropModule = {
  FILE_DROPPED: "kos://file-dropped",
  onFileDropped: async (handler: (file: FileRef) => void) => {
    dropped.add(handler);
    return () => void dropped.delete(handler);
  },
};

export const fakeWebviewModule = {
  getCurrentWebview: () => ({
    onDragDropEvent: async (handler: Handler) => {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
  }),
};

/** How many components listen for dropped files right now. */
export function dragDropListeners(): number {
  return handlers.size;
}

export function emitDragDrop(payload: DragDropPayload) {
  for (const handler of [...handlers]) handler({ event: "tauri://drag-drop", id: 1, payload });
  const path = payload.type === "drop" ? payload.paths[0] : undefined;
  if (path) for (const handler of [...dropped]) handler(grantFor(path));
}

export function resetFakeWebview() {
  handlers.clear();
  dropped.clear();
}

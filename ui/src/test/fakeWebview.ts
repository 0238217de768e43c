// Stand-in for "@tauri-apps/api/webview" in unit tests (installed by setup.tsx): drag-and-drop listeners
// are kept here so a test can drop files on the "window" with emitDragDrop().

type DragDropPayload =
  | { type: "enter"; paths: string[]; position: { x: number; y: number } }
  | { type: "over"; position: { x: number; y: number } }
  | { type: "drop"; paths: string[]; position: { x: number; y: number } }
  | { type: "leave" };
type Handler = (event: { event: string; id: number; payload: DragDropPayload }) => void;

const handlers = new Set<Handler>();

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
}

export function resetFakeWebview() {
  handlers.clear();
}

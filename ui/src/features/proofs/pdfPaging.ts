/**
 * The PDF proof viewer's paging and zoom, kept apart from pdf.js so it can be tested on its own (B-10: the
 * people who may read a proof see every page of it).
 */

/** Zoom levels offered by 放大/缩小, as a fraction of the page's own size (1 = 72 dpi, 100 %). */
export const ZOOM_STEPS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3] as const;

export type Zoom = { mode: "fit" } | { mode: "scale"; scale: number };

export type ViewerState = { page: number; pages: number; zoom: Zoom };

export type ViewerAction =
  | { type: "loaded"; pages: number }
  | { type: "prev" }
  | { type: "next" }
  | { type: "first" }
  | { type: "last" }
  /** `current`: the scale the page is drawn at now (a fit-width page has one too) */
  | { type: "zoomIn"; current: number }
  | { type: "zoomOut"; current: number }
  | { type: "fit" };

export const initialViewer: ViewerState = { page: 1, pages: 0, zoom: { mode: "fit" } };

function clampPage(page: number, pages: number): number {
  return Math.min(Math.max(1, page), Math.max(1, pages));
}

/** The next zoom step above (`dir` 1) or below (-1) `current`; the end step when there is none. */
export function nextScale(current: number, dir: 1 | -1): number {
  const eps = 0.005;
  if (dir > 0) return ZOOM_STEPS.find((s) => s > current + eps) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
  return [...ZOOM_STEPS].reverse().find((s) => s < current - eps) ?? ZOOM_STEPS[0];
}

export function viewerReducer(state: ViewerState, action: ViewerAction): ViewerState {
  switch (action.type) {
    case "loaded":
      return { ...state, pages: action.pages, page: clampPage(state.page, action.pages) };
    case "prev":
      return { ...state, page: clampPage(state.page - 1, state.pages) };
    case "next":
      return { ...state, page: clampPage(state.page + 1, state.pages) };
    case "first":
      return { ...state, page: 1 };
    case "last":
      return { ...state, page: clampPage(state.pages, state.pages) };
    case "zoomIn":
      return { ...state, zoom: { mode: "scale", scale: nextScale(action.current, 1) } };
    case "zoomOut":
      return { ...state, zoom: { mode: "scale", scale: nextScale(action.current, -1) } };
    case "fit":
      return { ...state, zoom: { mode: "fit" } };
  }
}

/** The action a key stands for in the viewer (PageUp/PageDown page, +/- zoom, 0 fits the width). */
export function keyAction(key: string, current: number): ViewerAction | null {
  switch (key) {
    case "PageUp":
    case "ArrowLeft":
      return { type: "prev" };
    case "PageDown":
    case "ArrowRight":
      return { type: "next" };
    case "Home":
      return { type: "first" };
    case "End":
      return { type: "last" };
    case "+":
    case "=":
      return { type: "zoomIn", current };
    case "-":
    case "_":
      return { type: "zoomOut", current };
    case "0":
      return { type: "fit" };
    default:
      return null;
  }
}

/** The scale that fits a page `pageWidth` wide (at scale 1) into `boxWidth` pixels. */
export function fitScale(pageWidth: number, boxWidth: number): number {
  if (pageWidth <= 0 || boxWidth <= 0) return 1;
  return Math.min(Math.max(boxWidth / pageWidth, ZOOM_STEPS[0] / 2), ZOOM_STEPS[ZOOM_STEPS.length - 1]);
}

import { describe, expect, it } from "vitest";
import { fitScale, initialViewer, keyAction, nextScale, viewerReducer, type ViewerAction, type ViewerState } from "./pdfPaging";

const run = (actions: ViewerAction[], from: ViewerState = initialViewer) => actions.reduce(viewerReducer, from);

describe("PDF proof viewer paging (B-10)", () => {
  it("pages within 1..N and never past either end", () => {
    const loaded = run([{ type: "loaded", pages: 3 }]);
    expect(loaded).toEqual({ page: 1, pages: 3, zoom: { mode: "fit" } });
    expect(run([{ type: "prev" }], loaded).page).toBe(1);
    expect(run([{ type: "next" }, { type: "next" }], loaded).page).toBe(3);
    expect(run([{ type: "next" }, { type: "next" }, { type: "next" }], loaded).page).toBe(3);
    expect(run([{ type: "last" }, { type: "prev" }], loaded).page).toBe(2);
    expect(run([{ type: "last" }, { type: "first" }], loaded).page).toBe(1);
    // a one-page proof has nowhere to go
    const one = run([{ type: "loaded", pages: 1 }]);
    expect(run([{ type: "next" }, { type: "last" }], one).page).toBe(1);
    // before the document is there, paging stays on page 1
    expect(run([{ type: "next" }]).page).toBe(1);
  });

  it("zooms by steps from the scale shown, fit width included, and back to fit", () => {
    const loaded = run([{ type: "loaded", pages: 2 }]);
    // fitted at 1.1: 放大 goes to the next step above, 缩小 to the one below
    expect(run([{ type: "zoomIn", current: 1.1 }], loaded).zoom).toEqual({ mode: "scale", scale: 1.25 });
    expect(run([{ type: "zoomOut", current: 1.1 }], loaded).zoom).toEqual({ mode: "scale", scale: 1 });
    expect(run([{ type: "zoomIn", current: 1 }], loaded).zoom).toEqual({ mode: "scale", scale: 1.25 });
    expect(nextScale(3, 1)).toBe(3);
    expect(nextScale(0.5, -1)).toBe(0.5);
    expect(nextScale(0.3, 1)).toBe(0.5);
    const zoomed = run([{ type: "zoomIn", current: 1 }, { type: "next" }], loaded);
    expect(zoomed).toEqual({ page: 2, pages: 2, zoom: { mode: "scale", scale: 1.25 } });
    expect(run([{ type: "fit" }], zoomed).zoom).toEqual({ mode: "fit" });
    expect(fitScale(595, 1190)).toBe(2);
    expect(fitScale(595, 0)).toBe(1);
    expect(fitScale(595, 100000)).toBe(3);
  });

  it("maps PageUp/PageDown, +/- and 0 to actions and ignores other keys", () => {
    expect(keyAction("PageDown", 1)).toEqual({ type: "next" });
    expect(keyAction("PageUp", 1)).toEqual({ type: "prev" });
    expect(keyAction("+", 1.5)).toEqual({ type: "zoomIn", current: 1.5 });
    expect(keyAction("=", 1.5)).toEqual({ type: "zoomIn", current: 1.5 });
    expect(keyAction("-", 1.5)).toEqual({ type: "zoomOut", current: 1.5 });
    expect(keyAction("0", 1.5)).toEqual({ type: "fit" });
    expect(keyAction("Home", 1)).toEqual({ type: "first" });
    expect(keyAction("End", 1)).toEqual({ type: "last" });
    expect(keyAction("a", 1)).toBeNull();
    expect(keyAction("Enter", 1)).toBeNull();
  });
});

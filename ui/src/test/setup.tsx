import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, vi } from "vitest";
import { resetFakeDialogs } from "./fakeDialogs";
import { resetFakeWebview } from "./fakeWebview";
import { setTeamMode } from "../api/transport";

// The machine may be busy compiling Rust (a first render also transforms the page's modules): give async queries
// room before they fail. A query that never succeeds still fails, after 30 s; a busy machine does not.
configure({ asyncUtilTimeout: 30000 });

// jsdom lacks these browser APIs that antd and the chart component use.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;

// antd measures scrollbars with a pseudo-element argument jsdom does not implement.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (el: Element) => getComputedStyle(el);

// No canvas in jsdom: the chart renders as a plain placeholder in unit tests.
vi.mock("../components/EChart", () => ({
  EChart: ({ testId }: { testId?: string }) => <div data-testid={testId ?? "echart"} />,
}));

// Native dialogs and dropped files: tests drive them with pickOpen / pickSave (fakeDialogs) and
// emitDragDrop() (a dropped file reaches the window as the Rust side's grant).
vi.mock("@tauri-apps/api/webview", async () => (await import("./fakeWebview")).fakeWebviewModule);
vi.mock("../api/fileDrop", async () => (await import("./fakeWebview")).fakeFileDropModule);

afterEach(() => {
  cleanup();
  resetFakeDialogs();
  resetFakeWebview();
  clearMocks();
  setTeamMode(false); // the transport's mode is the module's: each test starts solo
  localStorage.clear();
  window.location.hash = "";
  // U-5: a phone test's fake server (fetch) and its /m/… address
  vi.unstubAllGlobals();
  window.history.replaceState(null, "", "/");
});

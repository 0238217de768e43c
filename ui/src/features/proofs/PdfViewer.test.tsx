import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider } from "../../i18n/LanguageProvider";
import type { PdfDoc } from "./pdfDoc";

const opened: string[] = [];
const drawn: Array<{ page: number; scale: number }> = [];

vi.mock("./pdfDoc", () => ({
  loadPdf: (url: string): Promise<PdfDoc> => {
    opened.push(url);
    return Promise.resolve({
      numPages: 3,
      getPage: (n: number) =>
        Promise.resolve({
          size: (scale: number) => ({ width: 600 * scale, height: 800 * scale }),
          render: (_canvas: HTMLCanvasElement, scale: number) => {
            drawn.push({ page: n, scale });
            return { promise: Promise.resolve(), cancel: () => undefined };
          },
        }),
      destroy: () => Promise.resolve(),
    });
  },
}));

const { PdfViewer } = await import("./PdfViewer");

describe("PdfViewer", () => {
  beforeEach(() => {
    opened.length = 0;
    drawn.length = 0;
  });

  it("shows page n of N, pages with the buttons and the keyboard, and zooms", async () => {
    render(
      <LanguageProvider>
        <PdfViewer url="kosproof://localhost/abc" name="劳动合同.pdf" />
      </LanguageProvider>,
    );
    expect(await screen.findByText("第 1 / 3 页")).toBeInTheDocument();
    expect(opened).toEqual(["kosproof://localhost/abc"]);
    expect(screen.getByTestId("pdf-prev")).toBeDisabled();
    fireEvent.click(screen.getByTestId("pdf-next"));
    expect(await screen.findByText("第 2 / 3 页")).toBeInTheDocument();
    const box = screen.getByTestId("pdf-canvas-box");
    fireEvent.keyDown(box, { key: "PageDown" });
    expect(await screen.findByText("第 3 / 3 页")).toBeInTheDocument();
    expect(screen.getByTestId("pdf-next")).toBeDisabled();
    fireEvent.keyDown(box, { key: "PageUp" });
    expect(await screen.findByText("第 2 / 3 页")).toBeInTheDocument();
    await waitFor(() => expect(drawn.at(-1)?.page).toBe(2));

    // jsdom lays nothing out (width 0): fit width falls back to 100 %
    expect(screen.getByTestId("pdf-zoom")).toHaveTextContent("100%");
    fireEvent.click(screen.getByTestId("pdf-zoom-in"));
    expect(await screen.findByText("125%")).toBeInTheDocument();
    fireEvent.keyDown(box, { key: "+" });
    expect(await screen.findByText("150%")).toBeInTheDocument();
    fireEvent.keyDown(box, { key: "-" });
    expect(await screen.findByText("125%")).toBeInTheDocument();
    await waitFor(() => expect(drawn.at(-1)?.scale).toBeCloseTo(1.25 * (window.devicePixelRatio || 1)));
    fireEvent.click(screen.getByTestId("pdf-fit"));
    expect(await screen.findByText("100%")).toBeInTheDocument();
    expect(screen.getByTestId("pdf-fit")).toBeDisabled();
  });
});

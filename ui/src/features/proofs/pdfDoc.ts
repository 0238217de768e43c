/** What the PDF viewer needs of a parsed document (pdf.js behind it, see `pdfjs.ts`; a fake in tests). */
export type PdfPage = {
  /** the page's size in CSS pixels at `scale` */
  size(scale: number): { width: number; height: number };
  /** draws the page into `canvas` at `scale` (device pixels: the caller multiplies by devicePixelRatio) */
  render(canvas: HTMLCanvasElement, scale: number): { promise: Promise<void>; cancel(): void };
};

export type PdfDoc = {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
};

/** Loads pdf.js on first use only (a dynamic import: the library is not in the main bundle). */
export function loadPdf(url: string): Promise<PdfDoc> {
  return import("./pdfjs").then((m) => m.openPdf(url));
}

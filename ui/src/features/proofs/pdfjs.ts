/**
 * pdf.js, loaded only when a PDF proof is opened (this module is reached through a dynamic import, so the
 * library and its worker stay out of the main bundle). The worker is a file of the app itself: no CDN,
 * nothing remote; eval is off, as the window's CSP forbids it anyway.
 */
import { getDocument, GlobalWorkerOptions } from "pdfjs-dist";
import workerSrc from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import type { PdfDoc } from "./pdfDoc";

GlobalWorkerOptions.workerSrc = workerSrc;

/** The Chinese character maps the build ships (see vite.config.ts); the dev server serves the package's own. */
const cMapUrl = import.meta.env.DEV ? "/node_modules/pdfjs-dist/cmaps/" : "/pdfjs/cmaps/";

/** Fetches a proof from the kosproof protocol (the core checks the role and records the view) and parses it. */
export async function openPdf(url: string): Promise<PdfDoc> {
  const res = await fetch(url);
  if (!res.ok) throw new Error((await res.text()) || `HTTP ${res.status}`);
  const data = new Uint8Array(await res.arrayBuffer());
  const doc = await getDocument({ data, cMapUrl, cMapPacked: true, isEvalSupported: false, enableXfa: false }).promise;
  return {
    numPages: doc.numPages,
    async getPage(n) {
      const page = await doc.getPage(n);
      return {
        size: (scale) => {
          const v = page.getViewport({ scale });
          return { width: v.width, height: v.height };
        },
        render(canvas, scale) {
          const context = canvas.getContext("2d");
          if (!context) return { promise: Promise.resolve(), cancel: () => undefined };
          const task = page.render({ canvas, canvasContext: context, viewport: page.getViewport({ scale }) });
          return { promise: task.promise, cancel: () => task.cancel() };
        },
      };
    },
    destroy: () => doc.destroy(),
  };
}

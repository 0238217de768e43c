import { Alert, Button, Space, Spin, Tooltip, Typography } from "antd";
import { ColumnWidthOutlined, LeftOutlined, RightOutlined, ZoomInOutlined, ZoomOutOutlined } from "@ant-design/icons";
import { useEffect, useLayoutEffect, useReducer, useRef, useState, type KeyboardEvent } from "react";
import { useT } from "../../i18n/useT";
import { loadPdf, type PdfDoc } from "./pdfDoc";
import { fitScale, initialViewer, keyAction, viewerReducer, ZOOM_STEPS } from "./pdfPaging";
import "./proofs.css";

type Props = { url: string; name: string };

/**
 * A PDF proof page by page in the window (B-10): 上一页/下一页, 放大/缩小/适合宽度, PageUp/PageDown and +/-.
 * pdf.js is fetched only when the first PDF is opened.
 */
export function PdfViewer({ url, name }: Props) {
  const t = useT();
  const [doc, setDoc] = useState<PdfDoc | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [state, dispatch] = useReducer(viewerReducer, initialViewer);
  const [boxWidth, setBoxWidth] = useState(0);
  const [scale, setScale] = useState(1);
  const [drawn, setDrawn] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let alive = true;
    let opened: PdfDoc | null = null;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- another file: the old document goes before pdf.js (the outside system here) opens the new one
    setDoc(null);
    setError(null);
    loadPdf(url).then(
      (d) => {
        opened = d;
        if (!alive) {
          void d.destroy();
          return;
        }
        setDoc(d);
        dispatch({ type: "loaded", pages: d.numPages });
      },
      (e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
      if (opened) void opened.destroy();
    };
  }, [url]);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const measure = () => setBoxWidth(box.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!doc) return;
    let cancelled = false;
    let cancel = () => undefined as void;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- another page or zoom: the canvas hides until pdf.js has drawn it
    setDrawn(false);
    void doc.getPage(state.page).then((page) => {
      if (cancelled) return;
      const s = state.zoom.mode === "fit" ? fitScale(page.size(1).width, boxWidth - 24) : state.zoom.scale;
      setScale(s);
      const canvas = canvasRef.current;
      if (!canvas) return;
      const dpr = window.devicePixelRatio || 1;
      const css = page.size(s);
      const device = page.size(s * dpr);
      canvas.width = Math.floor(device.width);
      canvas.height = Math.floor(device.height);
      canvas.style.width = `${Math.floor(css.width)}px`;
      canvas.style.height = `${Math.floor(css.height)}px`;
      const task = page.render(canvas, s * dpr);
      cancel = task.cancel;
      task.promise.then(
        () => !cancelled && setDrawn(true),
        () => undefined, // cancelled by a newer page or zoom
      );
    }, (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      cancel();
    };
  }, [doc, state.page, state.zoom, boxWidth]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const action = keyAction(e.key, scale);
    if (!action) return;
    e.preventDefault();
    dispatch(action);
  };

  const max = ZOOM_STEPS[ZOOM_STEPS.length - 1];
  const min = ZOOM_STEPS[0];
  return (
    <div className="pdf-viewer" data-testid="pdf-viewer">
      <Space wrap size={4} className="pdf-toolbar">
        <Button size="small" icon={<LeftOutlined />} disabled={!doc || state.page <= 1} onClick={() => dispatch({ type: "prev" })} data-testid="pdf-prev">
          {t("proofs.pdfPrev")}
        </Button>
        <Typography.Text className="num pdf-page-label" data-testid="pdf-page">
          {doc ? t("proofs.pdfPage", { n: String(state.page), total: String(state.pages) }) : "—"}
        </Typography.Text>
        <Button size="small" disabled={!doc || state.page >= state.pages} onClick={() => dispatch({ type: "next" })} data-testid="pdf-next">
          {t("proofs.pdfNext")} <RightOutlined />
        </Button>
        <Button size="small" icon={<ZoomOutOutlined />} disabled={!doc || scale <= min + 0.005} onClick={() => dispatch({ type: "zoomOut", current: scale })} data-testid="pdf-zoom-out">
          {t("proofs.zoomOut")}
        </Button>
        <Typography.Text className="num pdf-zoom-label" data-testid="pdf-zoom">
          {Math.round(scale * 100)}%
        </Typography.Text>
        <Button size="small" icon={<ZoomInOutlined />} disabled={!doc || scale >= max - 0.005} onClick={() => dispatch({ type: "zoomIn", current: scale })} data-testid="pdf-zoom-in">
          {t("proofs.zoomIn")}
        </Button>
        <Button size="small" icon={<ColumnWidthOutlined />} disabled={!doc || state.zoom.mode === "fit"} onClick={() => dispatch({ type: "fit" })} data-testid="pdf-fit">
          {t("proofs.fitWidth")}
        </Button>
        <Tooltip title={t("proofs.pdfKeys")}>
          <Typography.Text type="secondary" className="pdf-keys">
            {t("proofs.pdfKeysShort")}
          </Typography.Text>
        </Tooltip>
      </Space>
      <div
        ref={boxRef}
        className="pdf-canvas-box"
        tabIndex={0}
        role="document"
        aria-label={name}
        onKeyDown={onKey}
        data-testid="pdf-canvas-box"
        data-page={state.page}
        data-drawn={drawn ? "true" : "false"}
      >
        {error ? (
          <Alert type="error" showIcon title={t("proofs.pdfError", { reason: error })} data-testid="pdf-error" />
        ) : (
          <>
            {!doc && <Spin className="pdf-spin" />}
            <canvas ref={canvasRef} className="pdf-canvas" aria-label={t("proofs.pdfPage", { n: String(state.page), total: String(state.pages) })} />
          </>
        )}
      </div>
    </div>
  );
}

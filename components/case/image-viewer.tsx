"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";

type Props = { src: string; name: string; onClose: () => void; returnFocusTo: RefObject<HTMLElement | null> };

const STEP = 1.25;
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 8;
const clamp = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));

/**
 * A document image enlarged in the page, in a native modal <dialog> (focus stays inside, Esc
 * closes, focus goes back to the thumbnail). + / − zoom, r rotates (R back), 0 fits. Zoom is
 * relative to the image fitting the window; the box grows with it, so a zoomed image scrolls.
 */
export function ImageViewer({ src, name, onClose, returnFocusTo }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const closer = useRef<HTMLButtonElement>(null);
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const [fit, setFit] = useState(1);
  const [broken, setBroken] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    const opener = returnFocusTo.current;
    if (element && !element.open) element.showModal();
    closer.current?.focus();
    // Unmounting removes the dialog (which closes it); the thumbnail gets the focus back.
    return () => opener?.focus();
  }, [returnFocusTo]);

  const sideways = rotation % 180 !== 0;
  useEffect(() => {
    if (!natural || !stage.current) return;
    const { clientWidth, clientHeight } = stage.current;
    const [w, h] = sideways ? [natural.h, natural.w] : [natural.w, natural.h];
    setFit(Math.min((clientWidth - 16) / w, (clientHeight - 16) / h));
  }, [natural, sideways]);

  const zoomBy = (factor: number) => setZoom((current) => clamp(current * factor));
  const rotate = (degrees: number) => setRotation((current) => (current + degrees + 360) % 360);
  const reset = () => {
    setZoom(1);
    setRotation(0);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const act: Record<string, () => void> = {
      "+": () => zoomBy(STEP),
      "=": () => zoomBy(STEP),
      "-": () => zoomBy(1 / STEP),
      r: () => rotate(90),
      R: () => rotate(-90),
      "0": reset,
    };
    const handler = act[event.key];
    if (!handler) return;
    event.preventDefault();
    event.stopPropagation();
    handler();
  };

  const scale = fit * zoom;
  const box = natural ? (sideways ? { width: natural.h * scale, height: natural.w * scale } : { width: natural.w * scale, height: natural.h * scale }) : null;
  const button = "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50";
  return (
    <dialog
      ref={dialog}
      aria-label={`${name} image, enlarged`}
      onClose={onClose}
      onKeyDown={onKeyDown}
      data-testid="image-viewer"
      data-zoom={zoom.toFixed(2)}
      data-rotation={rotation}
      className="m-auto h-[90vh] w-[90vw] max-w-none rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/70"
    >
      <div className="flex h-full flex-col">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2">
          <h2 className="mr-auto font-medium">{name}</h2>
          <span className="text-xs text-slate-600" aria-live="polite" data-testid="viewer-state">
            {Math.round(zoom * 100)} % · {rotation}°
          </span>
          <button type="button" className={button} onClick={() => zoomBy(1 / STEP)} aria-keyshortcuts="-">
            Zoom out (−)
          </button>
          <button type="button" className={button} onClick={() => zoomBy(STEP)} aria-keyshortcuts="+">
            Zoom in (+)
          </button>
          <button type="button" className={button} onClick={() => rotate(90)} aria-keyshortcuts="r">
            Rotate (r)
          </button>
          <button type="button" className={button} onClick={reset} aria-keyshortcuts="0">
            Fit (0)
          </button>
          <button type="button" className={button} ref={closer} onClick={() => dialog.current?.close()} aria-keyshortcuts="Escape">
            Close (Esc)
          </button>
        </div>
        <div ref={stage} className="flex min-h-0 flex-1 overflow-auto bg-slate-100">
          {broken ? <p className="m-auto text-sm text-rose-800">The image could not be loaded again. Close the viewer and try the thumbnail.</p> : null}
          <div className="relative m-auto shrink-0" style={box ?? undefined} hidden={broken}>
            {/* eslint-disable-next-line @next/next/no-img-element -- served by our own audited route */}
            <img
              src={src}
              alt={`${name} image`}
              data-testid="viewer-image"
              onError={() => setBroken(true)}
              onLoad={(event) => setNatural({ w: event.currentTarget.naturalWidth, h: event.currentTarget.naturalHeight })}
              className="absolute left-1/2 top-1/2 max-w-none"
              style={{
                width: natural ? natural.w * scale : undefined,
                height: natural ? natural.h * scale : undefined,
                transform: `translate(-50%, -50%) rotate(${rotation}deg)`,
              }}
            />
          </div>
        </div>
      </div>
    </dialog>
  );
}

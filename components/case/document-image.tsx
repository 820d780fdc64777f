"use client";

import { useEffect, useRef, useState } from "react";
import { ImageViewer } from "./image-viewer";
import { explainMediaFailure, type MediaFailure } from "./media-failure";

type Props = { url: string; name: string };

type State = { kind: "loading" | "shown" } | { kind: "checking" } | { kind: "failed"; failure: MediaFailure };

/**
 * One document image: a thumbnail that opens the in-page viewer, or, when it cannot load, a
 * placeholder that says why (the route's own words) with a way to try again.
 */
export function DocumentImage({ url, name }: Props) {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State>({ kind: "loading" });
  const [open, setOpen] = useState(false);
  const img = useRef<HTMLImageElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  // A retry must not be served from whatever the browser kept of the failed answer.
  const src = attempt ? `${url}?attempt=${attempt}` : url;
  const retry = () => {
    setAttempt((n) => n + 1);
    setState({ kind: "loading" });
  };

  const failed = () => {
    setState({ kind: "checking" });
    void explainMediaFailure(src).then((failure) => {
      if (failure) return setState({ kind: "failed", failure });
      // It is an image after all: a passing failure. One more try, then give up with words.
      if (attempt < 2) return retry();
      setState({ kind: "failed", failure: { reason: "The image could not be displayed.", status: null } });
    });
  };

  // An image that failed before hydration fired its error event before React listened.
  useEffect(() => {
    const element = img.current;
    if (element?.complete && element.naturalWidth === 0 && state.kind === "loading") failed();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per src
  }, [src]);

  if (state.kind === "failed" || state.kind === "checking") {
    return (
      <figure
        className="flex h-32 w-48 flex-col items-center justify-center gap-1 rounded border border-dashed border-rose-300 bg-rose-50 p-2 text-center text-xs text-rose-900"
        data-testid="image-placeholder"
        role="group"
        aria-label={`${name} image`}
      >
        <span aria-hidden="true" className="text-lg">
          🖼
        </span>
        <figcaption>
          <span className="font-medium">{name}: not shown.</span>{" "}
          <span data-testid="image-failure-reason">
            {state.kind === "checking" ? "Finding out why…" : state.failure.reason}
            {state.kind === "failed" && state.failure.status ? ` (HTTP ${state.failure.status})` : null}
          </span>
        </figcaption>
        {state.kind === "failed" && state.failure.pdf ? (
          <a href={src} target="_blank" rel="noreferrer" className="underline">
            Open the PDF
          </a>
        ) : state.kind === "failed" ? (
          <button type="button" onClick={retry} className="underline">
            Try again
          </button>
        ) : null}
      </figure>
    );
  }
  return (
    <div className="text-center text-xs text-slate-600">
      <button
        ref={opener}
        type="button"
        onClick={() => setOpen(true)}
        className="block rounded focus:outline-2 focus:outline-sky-600"
        aria-label={`Open the ${name} image`}
        aria-haspopup="dialog"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- served by our own audited route */}
        <img
          ref={img}
          src={src}
          alt={`${name} image`}
          loading="lazy"
          onLoad={() => setState({ kind: "shown" })}
          onError={failed}
          className="h-32 w-auto rounded border border-slate-200 bg-slate-50 object-contain"
          data-testid="document-image"
        />
      </button>
      {name}
      {open ? <ImageViewer src={src} name={name} onClose={() => setOpen(false)} returnFocusTo={opener} /> : null}
    </div>
  );
}

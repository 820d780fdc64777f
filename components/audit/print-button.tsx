"use client";

import { secondaryButtonClass } from "./format";

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className={`${secondaryButtonClass} print:hidden`}>
      Print
    </button>
  );
}

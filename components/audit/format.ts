/** "2025-05-01 10:04:07 UTC": audit evidence reads the same wherever the auditor sits. */
export const utcTime = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : "—");

export const fieldClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
export const labelClass = "text-xs font-medium text-slate-600";
export const buttonClass = "rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50";
export const secondaryButtonClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50";

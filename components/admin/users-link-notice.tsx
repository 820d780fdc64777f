"use client";

import { useState } from "react";
import type { SetPasswordLinkDTO } from "@/lib/users/types";

type Props = { email: string; link: SetPasswordLinkDTO; onDismiss: () => void };

/** The only time the link is visible: Verdict keeps just a hash of it. */
export function UsersLinkNotice({ email, link, onDismiss }: Props) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(link.url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div role="status" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="set-password-link-notice">
      <p className="font-medium">
        One-time set-password link for {email}, valid until {link.expiresAt.replace("T", " ").slice(0, 16)} UTC
      </p>
      <p className="text-slate-700">Send it to the user over a channel you trust. It is shown only now and works once.</p>
      <div className="flex items-center gap-2">
        <input
          readOnly
          value={link.url}
          aria-label="Set-password link"
          data-testid="set-password-link"
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
        />
        <button type="button" onClick={copy} className="whitespace-nowrap rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={onDismiss} className="whitespace-nowrap rounded-md px-3 py-1 text-slate-600 hover:text-slate-900">
          Done
        </button>
      </div>
    </div>
  );
}

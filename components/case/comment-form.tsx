"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";

type Props = { sessionId: string; addComment: (input: { sessionId: string; text: string }) => Promise<ActionResult<void>> };

export function CommentForm({ sessionId, addComment }: Props) {
  const router = useRouter();
  const [text, setText] = useState("");
  const { run, pending, error } = useServerAction(addComment);
  return (
    <form
      className="space-y-2"
      onSubmit={async (event) => {
        event.preventDefault();
        if ((await run({ sessionId, text })) === null) return;
        setText("");
        router.refresh();
      }}
    >
      <label className="block text-sm font-medium">
        Add a comment
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={2000} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
      </label>
      <button type="submit" disabled={pending || !text.trim()} className="rounded-md border border-slate-300 px-3 py-1 text-sm disabled:opacity-50">
        {pending ? "Saving…" : "Comment"}
      </button>
      {error ? <p className="text-sm text-rose-800">{error.message}</p> : null}
    </form>
  );
}

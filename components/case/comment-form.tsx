"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { errorSummary, invalidProps } from "@/components/ui/field-errors";
import { useServerAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/result";

type Props = { sessionId: string; addComment: (input: { sessionId: string; text: string }) => Promise<ActionResult<void>> };

export function CommentForm({ sessionId, addComment }: Props) {
  const router = useRouter();
  const [text, setText] = useState("");
  const { run, pending, error } = useServerAction(addComment);
  const fields = error?.fields ?? {};
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
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={2}
          maxLength={2000}
          {...invalidProps("comment-text-error", fields.text)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-rose-600"
        />
        <FieldError id="comment-text-error" messages={fields.text} />
      </label>
      <button type="submit" disabled={pending || !text.trim()} className="rounded-md border border-slate-300 px-3 py-1 text-sm disabled:opacity-50">
        {pending ? "Saving…" : "Comment"}
      </button>
      {error ? <p className="text-sm text-rose-800">{errorSummary(error, { text: "Add a comment" })}</p> : null}
    </form>
  );
}

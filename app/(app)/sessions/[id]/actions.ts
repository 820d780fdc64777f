"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getDb } from "@/lib/db";
import { assignCase, claimCase, releaseClaim } from "@/lib/review/claims";
import { addComment, CommentInput } from "@/lib/review/comments";
import { decideCase, DecideInput } from "@/lib/review/decide";
import { expireSession, ExpireInput } from "@/lib/review/expire";
import { redactSession, RedactInput } from "@/lib/review/redact";

// Thin wrappers: each lib function authorises the specific session itself (claim, version, state).
const SessionRef = z.object({ sessionId: z.uuid() });

export const decideAction = defineAction({
  input: DecideInput,
  permission: "sessions:decide",
  run: async (input, viewer) => decideCase({ db: await getDb(), viewer }, input),
});

export const claimAction = defineAction({
  input: SessionRef,
  permission: "sessions:decide",
  run: async (input, viewer) => claimCase({ db: await getDb(), viewer }, input),
});

export const releaseAction = defineAction({
  input: SessionRef,
  permission: "sessions:decide",
  run: async (input, viewer) => releaseClaim({ db: await getDb(), viewer }, input),
});

export const commentAction = defineAction({
  input: CommentInput,
  permission: "sessions:decide",
  run: async (input, viewer) => addComment({ db: await getDb(), viewer }, input),
});

export const assignAction = defineAction({
  input: SessionRef.extend({ assigneeId: z.uuid({ error: "Choose a user" }) }),
  permission: "sessions:assign",
  run: async (input, viewer) => assignCase({ db: await getDb(), viewer }, input),
});

export const expireAction = defineAction({
  input: ExpireInput,
  permission: "sessions:expire",
  run: async (input, viewer) => expireSession({ db: await getDb(), viewer }, input),
});

export const redactAction = defineAction({
  input: RedactInput,
  permission: "sessions:redact",
  run: async (input, viewer) => redactSession({ db: await getDb(), viewer }, input),
});

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
  run: async (input, viewer) => decideCase(await getDb(), viewer, input),
});

export const claimAction = defineAction({
  input: SessionRef,
  permission: "sessions:decide",
  run: async ({ sessionId }, viewer) => claimCase(await getDb(), viewer, sessionId),
});

export const releaseAction = defineAction({
  input: SessionRef,
  permission: "sessions:decide",
  run: async ({ sessionId }, viewer) => releaseClaim(await getDb(), viewer, sessionId),
});

export const commentAction = defineAction({
  input: CommentInput,
  permission: "sessions:decide",
  run: async (input, viewer) => addComment(await getDb(), viewer, input),
});

export const assignAction = defineAction({
  input: SessionRef.extend({ assigneeId: z.uuid({ error: "Choose a user" }) }),
  permission: "sessions:assign",
  run: async ({ sessionId, assigneeId }, viewer) => assignCase(await getDb(), viewer, sessionId, assigneeId),
});

export const expireAction = defineAction({
  input: ExpireInput,
  permission: "sessions:expire",
  run: async (input, viewer) => expireSession(await getDb(), viewer, input),
});

export const redactAction = defineAction({
  input: RedactInput,
  permission: "sessions:redact",
  run: async (input, viewer) => redactSession(await getDb(), viewer, input),
});

"use server";

import { signOut } from "@/lib/auth";
import { revokeSessions } from "@/lib/auth/sign-out";
import { getViewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";

export async function signOutAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) await revokeSessions(await getDb(), viewer);
  await signOut({ redirectTo: "/login" });
}

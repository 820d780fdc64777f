/**
 * Creates a Verdict user, e.g. the first admin:
 *   npm run user:create -- --email ana@example.com --name "Ana Admin" --role admin
 * The password comes from VERDICT_USER_PASSWORD or a hidden prompt; there is no default.
 * Uses DATABASE_URL, or the embedded database at PGLITE_DIR (refused while the server runs).
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { ensureBuiltInRoles } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { createUser, MIN_PASSWORD_LENGTH } from "@/lib/users/create-user";
import { readHidden } from "./read-password";

async function askPassword(): Promise<string> {
  const fromEnv = process.env.VERDICT_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new AppError("VALIDATION", "No terminal to ask for a password: set VERDICT_USER_PASSWORD.");
  const first = await readHidden(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const second = await readHidden("Repeat password: ");
  if (first !== second) throw new AppError("VALIDATION", "The two passwords differ.");
  return first;
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
  });
  if (!values.email || !values.role) {
    throw new AppError("VALIDATION", "Usage: npm run user:create -- --email EMAIL --role admin|lead|reviewer|auditor [--name NAME]");
  }
  const password = await askPassword();
  const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDir: process.env.PGLITE_DIR || undefined });
  try {
    await ensureBuiltInRoles(handle.db);
    const user = await createUser(
      { db: handle.db, actor: { id: null, label: "cli:user:create" } },
      { email: values.email, name: values.name ?? values.email.split("@")[0]!, role: values.role, password },
    );
    console.log(`Created ${user.role} ${user.email} (${user.id}).`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof AppError || error instanceof DatabaseLockedError;
  console.error(known ? `Error: ${(error as Error).message}` : error);
  process.exit(1);
});

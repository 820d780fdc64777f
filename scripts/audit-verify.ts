/**
 * Walks the audit log's hash chain and names the first broken row:
 *   npm run audit:verify
 * Prints "audit chain intact: N rows", with "; M rows still sealing" when committed rows wait for
 * the sealer (exit 0); "audit chain BROKEN at seq N: <reason>", or "audit chain NOT SEALED at
 * seq N: <reason>" when a row waited longer than the grace (the sealer is not running) (exit 1);
 * exit 2 when it could not check at all. The check is itself audited (audit.verify). It does
 * not seal: the server's `audit.seal` job does, and a verifier that sealed would hide a stopped one.
 * Uses DATABASE_URL, or the embedded database at PGLITE_DIR, which only one process may open:
 * while the server runs, use the "Verify chain" button on /audit instead.
 */
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { verifyAndRecordChain } from "@/lib/audit/chain-check";

const EXIT_INTACT = 0;
const EXIT_BROKEN = 1;
const EXIT_NOT_CHECKED = 2;

async function open(): Promise<DatabaseHandle | null> {
  try {
    return await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDir: process.env.PGLITE_DIR || undefined });
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    console.error(`Error: ${error.message}`);
    console.error('The audit chain was not checked. While Verdict runs, press "Verify chain" on its /audit page instead.');
    return null;
  }
}

async function main(): Promise<number> {
  const handle = await open();
  if (!handle) return EXIT_NOT_CHECKED;
  try {
    const result = await verifyAndRecordChain(handle.db, { id: null, label: "cli:audit:verify" });
    console.log(result.message);
    return result.ok ? EXIT_INTACT : EXIT_BROKEN;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("The audit chain could not be checked:", error);
    process.exit(EXIT_NOT_CHECKED);
  },
);

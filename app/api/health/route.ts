import { getDatabaseHandle } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Readiness for scripts and load balancers: answers once the database is open and migrated. */
export async function GET() {
  try {
    await getDatabaseHandle();
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}

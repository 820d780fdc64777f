import { withPermission } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/providers/errors";
import { fetchDocumentMedia } from "@/lib/review/media";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; documentId: string; name: string }> };

const UUID = /^[0-9a-f-]{36}$/i;

/** A malformed %-escape or a NUL is the client's mistake (400), not ours; proxy.ts screens most of them first. */
function decodedName(name: string): string | null {
  try {
    const decoded = decodeURIComponent(name);
    return decoded.includes("\u0000") ? null : decoded;
  } catch {
    return null;
  }
}

export const GET = withPermission("sessions:read_pii", async (viewer, _request: Request, { params }: Context) => {
  const { id, documentId, name } = await params;
  if (!UUID.test(id) || !UUID.test(documentId)) return Response.json({ error: "Not found" }, { status: 404 });
  const mediaName = decodedName(name);
  if (mediaName === null) return Response.json({ error: "Malformed image name" }, { status: 400 });
  try {
    const file = await fetchDocumentMedia({ db: await getDb(), viewer }, { sessionId: id, documentId, name: mediaName });
    return new Response(Buffer.from(file.body), {
      headers: {
        "content-type": file.contentType,
        // Personal data: never stored by the browser or anything in between.
        "cache-control": "private, no-store",
        "content-disposition": "inline",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError)
      return Response.json({ error: error.message }, { status: error.code === "NOT_FOUND" ? 404 : error.code === "FORBIDDEN" ? 403 : 502 });
    if (error instanceof ProviderError) return Response.json({ error: error.message }, { status: 502 });
    console.error("[media] unexpected error", error);
    return Response.json({ error: "Could not load the image" }, { status: 500 });
  }
});

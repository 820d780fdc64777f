/** Why a document image did not show, in words: the media route answers errors as JSON. */
export type MediaFailure = { reason: string; status: number | null; pdf?: boolean };

const BY_STATUS: Record<number, string> = {
  401: "Your session has ended. Sign in again.",
  403: "Your role may not view document images.",
  404: "The image is no longer available.",
  502: "The provider did not send the image.",
  503: "Verdict is busy. Try again in a moment.",
};

/**
 * Asks the media route again, once the <img> failed, for what went wrong. An answer that is an
 * image after all (a passing fault) returns null: show it again.
 */
export async function explainMediaFailure(url: string): Promise<MediaFailure | null> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
  } catch {
    return { reason: "Verdict could not be reached. Check your connection.", status: null };
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (response.ok) {
    void response.body?.cancel();
    if (type === "application/pdf") return { reason: "This file is a PDF, not an image.", status: response.status, pdf: true };
    if (type.startsWith("image/")) return null;
    return { reason: "The file is not an image Verdict can show.", status: response.status };
  }
  let said: string | null = null;
  if (type === "application/json") {
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    if (typeof body?.error === "string" && body.error.trim()) said = body.error.trim().slice(0, 200);
  }
  return { reason: said ?? BY_STATUS[response.status] ?? "Verdict could not load the image.", status: response.status };
}

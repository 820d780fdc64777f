import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { sendJson } from "../http";
import type { SandboxRequest } from "../router";
import { readBody } from "./body";
import type { DiditState } from "./types";

/** What Didit's token endpoint promises (24 h). */
const TOKEN_LIFETIME_SECONDS = 86_400;

// Compare digests so neither timing nor length says anything about the secret.
const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
const same = (given: string, wanted: string) => timingSafeEqual(digest(given), digest(wanted));

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** v3 `x-api-key`. Returns DRF's error text, or null when the key is right. */
export function checkApiKey(state: DiditState, req: IncomingMessage): string | null {
  const given = header(req, "x-api-key");
  if (!given) return "Authentication credentials were not provided.";
  return same(given, state.apiKey) ? null : "Invalid API key.";
}

/** v1 Bearer client token, as issued by /auth/v2/token/ and not yet expired or revoked. */
export function checkBearer(state: DiditState, req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header(req, "authorization") ?? "");
  if (!match?.[1]) return "Authentication credentials were not provided.";
  const expiresAt = state.tokens.get(match[1]);
  return expiresAt !== undefined && expiresAt > Date.now() ? null : "Invalid or expired token.";
}

/**
 * POST /auth/v2/token/ — client credentials in HTTP Basic, form-encoded grant_type. Tokens are
 * random and opaque here (Didit's are JWTs; clients must not look inside either way). The error
 * statuses and texts for bad credentials or grant types are UNCONFIRMED (DRF-style guesses).
 */
export async function issueToken(state: DiditState, request: SandboxRequest): Promise<void> {
  const { req, res } = request;
  const type = (header(req, "content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  const form = new URLSearchParams((await readBody(req)).toString("utf8"));
  if (type !== "application/x-www-form-urlencoded") {
    return sendJson(res, 415, { detail: `Unsupported media type "${type ?? ""}" in request.` });
  }
  if (!validClient(state, header(req, "authorization"))) {
    return sendJson(res, 401, { detail: "Invalid client credentials." }, { "www-authenticate": 'Basic realm="api"' });
  }
  if (form.get("grant_type") !== "client_credentials") {
    return sendJson(res, 400, { detail: "grant_type must be client_credentials." });
  }
  const token = randomBytes(32).toString("base64url");
  const issuedAt = Math.floor(Date.now() / 1000);
  state.tokens.set(token, (issuedAt + TOKEN_LIFETIME_SECONDS) * 1000);
  sendJson(res, 200, {
    iss: "https://didit.me",
    iat: issuedAt,
    sub: state.clientId,
    client_id: state.clientId,
    organization_id: state.applicationId,
    expires_in: TOKEN_LIFETIME_SECONDS,
    exp: issuedAt + TOKEN_LIFETIME_SECONDS,
    access_token: token,
  });
}

function validClient(state: DiditState, authorization: string | undefined): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? "");
  if (!match?.[1] || state.clientId === null || state.clientSecret === null) return false;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  // Both halves are always compared, so a right id with a wrong secret takes as long as anything else.
  const idOk = same(decoded.slice(0, colon), state.clientId);
  const secretOk = same(decoded.slice(colon + 1), state.clientSecret);
  return idOk && secretOk;
}

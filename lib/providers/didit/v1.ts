import "server-only";
import { z } from "zod";
import { ProviderError } from "../errors";
import { DiditDecision } from "./schemas";

/*
 * v1 decisions (GET /v1/session/{id}/decision/, and the `decision` of v1 webhooks) carry singular
 * blocks — `kyc`, `face`, `aml`, `location` — and one top-level `warnings` list where v3 has arrays
 * of nodes, each with its own warnings. They are reshaped into the v3 form so one normaliser serves
 * both. v1 has no node ids; the synthetic ones below are ours (they only key documents and checks).
 */

const warning = z.looseObject({ feature: z.string().nullish(), risk: z.string().nullish() });
type Warning = z.infer<typeof warning>;
const block = z.looseObject({ warnings: z.array(warning).nullish() });
type Block = z.infer<typeof block>;

export const DiditV1Decision = z.looseObject({
  session_id: z.string(),
  status: z.string(),
  kyc: block.nullish(),
  face: block.nullish(),
  aml: block.nullish(),
  location: block.nullish(),
  warnings: z.array(warning).nullish(),
});
type DiditV1Decision = z.infer<typeof DiditV1Decision>;

type Target = "kyc" | "liveness" | "face_match" | "aml" | "location";

/**
 * Which block a top-level v1 warning belongs to, by its `feature`. Didit's published v1 example
 * shows `AML`; the others are the feature names v3 uses for the same blocks. A warning of any
 * other feature stays in the top-level list, which the risk summary reads too.
 */
const WARNING_TARGETS: Record<string, Target> = {
  ID_VERIFICATION: "kyc",
  OCR: "kyc",
  KYC: "kyc",
  NFC: "kyc",
  LIVENESS: "liveness",
  FACE: "liveness",
  FACEMATCH: "face_match",
  FACE_MATCH: "face_match",
  AML: "aml",
  IP_ANALYSIS: "location",
  LOCATION: "location",
};

const V1_BLOCKS = ["kyc", "face", "aml", "location"] as const;
const V3_BLOCKS = ["id_verifications", "liveness_checks", "face_matches", "aml_screenings"] as const;

/** A decision in v1's shape: singular blocks and none of v3's node arrays. */
export function isV1Decision(decision: Record<string, unknown>): boolean {
  return V1_BLOCKS.some((key) => key in decision) && !V3_BLOCKS.some((key) => key in decision);
}

/** The v1 decision in v3's shape, still to be validated as a DiditDecision; null when not v1's shape. */
export function reshapeV1(raw: unknown): unknown {
  const parsed = DiditV1Decision.safeParse(raw);
  if (!parsed.success) return null;
  const { kyc, face, aml, location, warnings, ...rest } = parsed.data;
  const routed = routeWarnings(warnings ?? []);
  const faceWarnings = face?.warnings ?? [];
  const liveness = [...faceWarnings.filter((w) => w.feature !== "FACEMATCH"), ...routed.liveness];
  const faceMatch = [...faceWarnings.filter((w) => w.feature === "FACEMATCH"), ...routed.face_match];
  return {
    ...rest,
    warnings: routed.rest,
    id_verifications: kyc ? [withWarnings({ ...kyc, node_id: "kyc" }, routed.kyc)] : null,
    liveness_checks: face
      ? [
          {
            node_id: "face_liveness",
            status: face.liveness_status ?? face.status,
            method: face.liveness_method ?? null,
            score: face.liveness_confidence ?? face.liveness_score ?? null,
            age_estimation: face.age_estimation ?? null,
            video_url: face.video_url ?? null,
            warnings: unique(liveness),
          },
        ]
      : null,
    face_matches: face
      ? [
          {
            node_id: "face_match",
            status: face.face_match_status ?? face.status,
            score: face.face_match_similarity ?? null,
            source_image: face.source_image ?? null,
            target_image: face.target_image ?? null,
            warnings: unique(faceMatch),
          },
        ]
      : null,
    aml_screenings: aml ? [withWarnings({ ...aml, node_id: "aml" }, routed.aml)] : null,
    ip_analyses: location ? [withWarnings({ ...location, node_id: "location" }, routed.location)] : null,
  };
}

/** GET /v1/session/{id}/decision/ → the v3 shape. */
export function v1ToV3(v1: DiditV1Decision): DiditDecision {
  const parsed = DiditDecision.safeParse(reshapeV1(v1));
  if (parsed.success) return parsed.data;
  throw new ProviderError("didit", "invalid_response", "Didit sent a v1 decision in an unexpected shape.");
}

function routeWarnings(warnings: Warning[]): Record<Target | "rest", Warning[]> {
  const out: Record<Target | "rest", Warning[]> = { kyc: [], liveness: [], face_match: [], aml: [], location: [], rest: [] };
  for (const item of warnings) out[WARNING_TARGETS[(item.feature ?? "").toUpperCase()] ?? "rest"].push(item);
  return out;
}

function withWarnings(item: Block & Record<string, unknown>, extra: Warning[]) {
  return { ...item, warnings: unique([...(item.warnings ?? []), ...extra]) };
}

/** The same warning can sit both in its block and in the top-level list (the sandbox sends both). */
function unique(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((item) => {
    const { node_id: _nodeId, ...rest } = item;
    const key = JSON.stringify(rest);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

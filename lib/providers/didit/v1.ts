import "server-only";
import { z } from "zod";
import { ProviderError } from "../errors";
import { DiditDecision } from "./schemas";

/*
 * v1 decisions (GET /v1/session/{id}/decision/) carry singular blocks — `kyc`, `face`, `aml` —
 * where v3 has arrays of nodes. They are reshaped into the v3 form so one normaliser serves both.
 * v1 has no node ids; the synthetic ones below are ours (they only key documents and checks).
 */

const block = z.looseObject({ warnings: z.array(z.looseObject({ feature: z.string().nullish() })).nullish() });

export const DiditV1Decision = z.looseObject({
  session_id: z.string(),
  status: z.string(),
  kyc: block.nullish(),
  face: block.nullish(),
  aml: block.nullish(),
});
type DiditV1Decision = z.infer<typeof DiditV1Decision>;

export function v1ToV3(v1: DiditV1Decision): DiditDecision {
  const { kyc, face, aml, ...rest } = v1;
  const faceWarnings = face?.warnings ?? [];
  const reshaped = {
    ...rest,
    id_verifications: kyc ? [{ ...kyc, node_id: "kyc" }] : null,
    liveness_checks: face
      ? [
          {
            node_id: "face_liveness",
            status: face.liveness_status ?? face.status,
            method: face.liveness_method ?? null,
            score: face.liveness_confidence ?? face.liveness_score ?? null,
            age_estimation: face.age_estimation ?? null,
            warnings: faceWarnings.filter((warning) => warning.feature !== "FACEMATCH"),
          },
        ]
      : null,
    face_matches: face
      ? [
          {
            node_id: "face_match",
            status: face.face_match_status ?? face.status,
            score: face.face_match_similarity ?? null,
            warnings: faceWarnings.filter((warning) => warning.feature === "FACEMATCH"),
          },
        ]
      : null,
    aml_screenings: aml ? [{ ...aml, node_id: "aml" }] : null,
  };
  const parsed = DiditDecision.safeParse(reshaped);
  if (parsed.success) return parsed.data;
  throw new ProviderError("didit", "invalid_response", "Didit sent a v1 decision in an unexpected shape.");
}

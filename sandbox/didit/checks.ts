import type { JsonObject } from "../json";
import { duplicateMatch, has, logFor, NODES, statusFor } from "./features";
import type { FeatureInput } from "./features";
import { warning } from "./warnings";

const percent = (prng: FeatureInput["prng"], low: number, high: number) => prng.int(low * 100, high * 100) / 100;

export function livenessCheck(input: FeatureInput): JsonObject {
  const { prng, scenario, person, created } = input;
  const low = has(scenario, "low_liveness");
  const duplicate = has(scenario, "duplicated_user");
  const matches = duplicate ? [duplicateMatch(prng, person, created)] : [];
  const warnings = [
    ...(low ? [warning("LOW_LIVENESS_SCORE", NODES.liveness, logFor(scenario))] : []),
    ...(duplicate ? [warning("POSSIBLE_DUPLICATED_USER", NODES.liveness, logFor(scenario))] : []),
  ];
  return {
    node_id: NODES.liveness,
    status: statusFor(scenario, low || duplicate),
    method: prng.pick(["PASSIVE", "ACTIVE_3D", "FLASHING"]),
    score: low ? percent(prng, 25, 60) : percent(prng, 85, 99.9),
    reference_image: "@media/selfie",
    video_url: null,
    age_estimation: percent(prng, 18, 70),
    matches,
    warnings,
    face_quality: null,
    face_luminance: null,
  };
}

export function faceMatch(input: FeatureInput): JsonObject {
  const { prng, scenario } = input;
  const low = has(scenario, "low_face_match");
  return {
    node_id: NODES.face,
    status: statusFor(scenario, low),
    score: low ? percent(prng, 20, 55) : percent(prng, 80, 99),
    source_image_session_id: null,
    source_image: "@media/selfie",
    target_image: "@media/portrait",
    warnings: low ? [warning("LOW_FACE_MATCH_SIMILARITY", NODES.face, logFor(scenario))] : [],
  };
}

export function amlScreening(input: FeatureInput): JsonObject {
  const { prng, scenario, person } = input;
  const hit = has(scenario, "aml_hit");
  const hits = hit
    ? Array.from({ length: prng.int(1, 2) }, () => ({
        id: prng.letters(22),
        caption: person.fullName,
        match: false,
        score: prng.int(70, 95) / 100,
        datasets: [prng.pick(["PEP", "Sanctions", "Adverse Media"])],
        match_score: prng.int(80, 98),
        risk_score: prng.int(60, 90),
        review_status: "Unreviewed",
      }))
    : [];
  return {
    node_id: NODES.aml,
    status: statusFor(scenario, hit),
    total_hits: hits.length,
    entity_type: "person",
    hits,
    score: hit ? prng.int(70, 95) : 0,
    screened_data: {
      full_name: person.fullName,
      nationality: person.country,
      date_of_birth: person.dateOfBirth,
      document_number: person.documentNumber,
    },
    is_ongoing_monitoring_enabled: false,
    warnings: hit ? [warning("POSSIBLE_MATCH_FOUND", NODES.aml, logFor(scenario))] : [],
  };
}

export function ipAnalysis(input: FeatureInput): JsonObject {
  const { prng, person } = input;
  return {
    node_id: NODES.ip,
    status: "Approved",
    platform: prng.pick(["mobile", "desktop"]),
    ip_country: person.countryName,
    ip_address: `198.51.100.${prng.int(1, 254)}`,
    is_vpn_or_tor: false,
    is_data_center: false,
    warnings: [],
  };
}

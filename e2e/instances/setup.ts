/** What the two-instance server and its spec share. */
import { E2E_PORT } from "../users";

/** The instances behind the balancer (which listens on E2E_PORT). */
export const INSTANCE_PORTS = (process.env.E2E_INSTANCE_PORTS ?? `${E2E_PORT + 1},${E2E_PORT + 2}`).split(",").map(Number);
export const INSTANCES_DATABASE = process.env.E2E_INSTANCES_DATABASE ?? "verdict_e2e_instances";
export const SYNC_SECONDS = 3;

/** A second reviewer, so that two people race for the same queue. */
export const SECOND_REVIEWER = { email: "reviewer2@e2e.test", name: "Rin Reviewer", role: "reviewer", password: "e2e-reviewer2-password-1" } as const;

export function instancesDatabaseUrl(serverUrl = process.env.DATABASE_URL ?? ""): string {
  const url = new URL(serverUrl);
  url.pathname = `/${INSTANCES_DATABASE}`;
  return url.toString();
}

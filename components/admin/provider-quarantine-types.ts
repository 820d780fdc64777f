import type { ActionResult } from "@/lib/actions/result";
import type { QuarantineOverview } from "@/lib/webhooks/quarantine-list";
import type { ReplayOutcomeDTO } from "@/lib/webhooks/replay";

/** The quarantine DTOs (types only: nothing from the server modules reaches the browser). */
export type { QuarantinedWebhookDTO, QuarantineOverview } from "@/lib/webhooks/quarantine-list";
export type QuarantineGroup = QuarantineOverview[string];
export type ReplayOutcome = ReplayOutcomeDTO;
export type ReplayAction = (input: { id: string }) => Promise<ActionResult<ReplayOutcomeDTO>>;

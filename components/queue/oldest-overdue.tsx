import Link from "next/link";
import type { QueueItemDTO } from "@/lib/review/queue";
import { REVIEW_SLA_HOURS } from "@/lib/review/queue-filters";
import { age } from "./queue-table";
import { providerName } from "@/lib/sessions/provider-names";

/** The case that has waited longest past the review target: named above the list, not just first in it. */
export function OldestOverdue({ item, now }: { item: QueueItemDTO; now: number }) {
  return (
    <p data-testid="oldest-overdue" className="rounded-md border border-rose-300 bg-rose-50 px-4 py-2 text-sm text-rose-900">
      <span className="font-semibold">Oldest overdue:</span>{" "}
      <Link href={`/sessions/${item.id}`} className="font-medium underline">
        <bdi>{item.applicantName ?? "Unnamed applicant"}</bdi>
      </Link>{" "}
      ({providerName(item.provider)}) has waited {age(item.createdAt, now)}, past the {REVIEW_SLA_HOURS}-hour target
      {item.claim ? `; ${item.claim.holderName} is on it.` : "; nobody is on it."}
    </p>
  );
}

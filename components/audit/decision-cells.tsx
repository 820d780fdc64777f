import type { DecisionHistoryItemDTO } from "@/lib/audit/decision-types";

type Props = { item: DecisionHistoryItemDTO };

export function Applicant({ item }: Props) {
  if (item.redacted) return <span className="text-slate-500">Redacted</span>;
  return <bdi className="font-medium">{item.applicantName ?? "—"}</bdi>;
}

/** Comments may quote the applicant, so viewers without sessions:read_pii see only that one exists. */
export function Comment({ item }: Props) {
  if (item.commentHidden) return <span className="text-slate-500 italic">Hidden (personal data)</span>;
  if (!item.comment) return <span className="text-slate-400">{item.redacted ? "Removed by redaction" : "—"}</span>;
  return <bdi className="whitespace-pre-wrap break-words">{item.comment}</bdi>;
}

export function Reviewers({ item }: Props) {
  return (
    <>
      <span className="block">{item.actor.name}</span>
      <span className="block text-xs text-slate-500">{item.actor.email}</span>
      {item.secondActor ? (
        <span className="mt-1 block text-xs">
          Second reviewer: {item.secondActor.name} <span className="text-slate-500">({item.secondActor.email})</span>
        </span>
      ) : null}
    </>
  );
}

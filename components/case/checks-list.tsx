import { ResultBadge } from "@/components/ui/result-badge";
import type { CheckDTO } from "@/lib/review/case-types";

export function ChecksList({ checks }: { checks: CheckDTO[] }) {
  if (checks.length === 0) return <p className="text-sm text-slate-500">The provider reported no checks.</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="checks">
      {checks.map((check) => (
        <li key={check.id} className="p-3" data-kind={check.kind}>
          <div className="flex items-center gap-2">
            <span className="font-medium">{check.label}</span>
            <ResultBadge result={check.result} />
            {check.score !== null ? <span className="text-xs text-slate-500">score {check.score}</span> : null}
          </div>
          {check.codes.length ? (
            <ul className="mt-1 space-y-0.5">
              {check.codes.map(({ code, explanation }) => (
                <li key={code} className="text-xs">
                  <code className="rounded bg-slate-100 px-1">{code}</code> <span className="text-slate-600">{explanation}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

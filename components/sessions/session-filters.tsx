"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useOptimistic, useRef, useState, useTransition, type FormEvent } from "react";
import { STATUS_LABELS } from "@/components/ui/status-badge";
import { LIST_PROVIDERS, LIST_SORTS, MAX_SEARCH_LENGTH, sessionListHref, type SessionListQuery } from "@/lib/sessions/list-href";
import { COMMON_STATUSES } from "@/lib/sessions/status";
import { PROVIDER_LABELS, SORT_LABELS } from "./labels";

type Props = { query: SessionListQuery; searchesPersonalData: boolean };

const SEARCH_DELAY_MS = 300;
/** Adds or removes one value, keeping the canonical order of `all` (one view, one URL). */
const toggle = <T,>(all: readonly T[], values: readonly T[], value: T, on: boolean) => all.filter((v) => (v === value ? on : values.includes(v)));
const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/**
 * Every change goes to the URL (the server renders the list from it), so any view can be shared.
 * Typing is debounced and replaces the history entry; other changes push one.
 */
export function SessionFilters({ query, searchesPersonalData }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useOptimistic(query);
  const [text, setText] = useState(query.q ?? "");
  // The search this form last wrote to the URL, or last read from it.
  const lastSearch = useRef(query.q ?? "");

  const urlSearch = query.q ?? "";
  useEffect(() => {
    // The URL changed elsewhere (a status chip, Back, Clear filters): show its search.
    if (urlSearch === lastSearch.current) return;
    lastSearch.current = urlSearch;
    setText(urlSearch);
  }, [urlSearch]);

  const navigate = (next: SessionListQuery, mode: "push" | "replace") => {
    lastSearch.current = next.q ?? "";
    startTransition(() => {
      setShown(next);
      const href = sessionListHref({ ...next, cursor: null });
      if (mode === "push") router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    });
  };
  const typed = () => text.trim().normalize("NFC") || null;
  const update = (patch: Partial<SessionListQuery>) => navigate({ ...shown, q: typed(), ...patch }, "push");

  // Only typing restarts the timer; the filters it keeps are the ones shown when it fires (an effect event reads
  // the latest render, so a filter changed during the delay is not undone).
  const searchTyped = useEffectEvent(() => navigate({ ...shown, q: typed() }, "replace"));
  useEffect(() => {
    if ((text.trim().normalize("NFC") || "") === lastSearch.current) return;
    const timer = setTimeout(searchTyped, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({});
  };

  return (
    <form method="get" action="/sessions" role="search" onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-64 flex-1 flex-col gap-1">
          <label htmlFor="sessions-q" className="text-xs font-medium text-slate-600">
            Search
          </label>
          <input
            id="sessions-q"
            name="q"
            type="search"
            value={text}
            maxLength={MAX_SEARCH_LENGTH}
            onChange={(event) => setText(event.target.value)}
            placeholder={searchesPersonalData ? "Name, e-mail or provider session ID" : "Provider session ID"}
            aria-describedby={searchesPersonalData ? undefined : "sessions-q-hint"}
            className={field}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="sessions-from" className="text-xs font-medium text-slate-600">
            Created from (UTC)
          </label>
          <input
            id="sessions-from"
            name="from"
            type="date"
            value={shown.from ?? ""}
            max={shown.to ?? undefined}
            onChange={(e) => update({ from: e.target.value || null })}
            className={field}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="sessions-to" className="text-xs font-medium text-slate-600">
            Created to (UTC)
          </label>
          <input
            id="sessions-to"
            name="to"
            type="date"
            value={shown.to ?? ""}
            min={shown.from ?? undefined}
            onChange={(e) => update({ to: e.target.value || null })}
            className={field}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="sessions-sort" className="text-xs font-medium text-slate-600">
            Order
          </label>
          <select
            id="sessions-sort"
            name="sort"
            value={shown.sort}
            onChange={(e) => update({ sort: LIST_SORTS.find((s) => s === e.target.value) ?? "newest" })}
            className={field}
          >
            {LIST_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {searchesPersonalData ? null : (
        <p id="sessions-q-hint" className="text-xs text-slate-500">
          Your role sees personal data masked, so search matches exact provider session IDs only.
        </p>
      )}
      <div className="flex flex-wrap items-start gap-x-8 gap-y-3">
        <fieldset className="flex flex-wrap items-center gap-3">
          <legend className="mb-1 text-xs font-medium text-slate-600">Provider</legend>
          {LIST_PROVIDERS.map((provider) => (
            <label key={provider} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                name="provider"
                value={provider}
                checked={shown.providers.includes(provider)}
                onChange={(e) => update({ providers: toggle(LIST_PROVIDERS, shown.providers, provider, e.target.checked) })}
              />
              {PROVIDER_LABELS[provider]}
            </label>
          ))}
        </fieldset>
        <details className="text-sm" open={shown.statuses.length > 1}>
          <summary className="cursor-pointer text-xs font-medium text-slate-600">
            Several statuses{shown.statuses.length ? ` (${shown.statuses.length} selected)` : ""}
          </summary>
          <fieldset className="mt-2 flex max-w-xl flex-wrap gap-3">
            <legend className="sr-only">Statuses</legend>
            {COMMON_STATUSES.map((status) => (
              <label key={status} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  name="status"
                  value={status}
                  checked={shown.statuses.includes(status)}
                  onChange={(e) => update({ statuses: toggle(COMMON_STATUSES, shown.statuses, status, e.target.checked) })}
                />
                {STATUS_LABELS[status]}
              </label>
            ))}
          </fieldset>
        </details>
        <div className="ml-auto flex items-center gap-3">
          <span role="status" aria-live="polite" className="text-xs text-slate-500">
            {pending ? "Updating…" : ""}
          </span>
          <Link href={sessionListHref({ sort: shown.sort })} className="text-sm text-slate-600 underline-offset-2 hover:underline">
            Clear filters
          </Link>
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
            Apply
          </button>
        </div>
      </div>
    </form>
  );
}

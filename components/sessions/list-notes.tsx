/** What was wrong with the URL and has been left out; the list still shows. */
export function ListNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <div role="status" data-testid="list-notes" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="font-medium">This link had values the list could not use:</p>
      <ul className="mt-1 list-disc pl-5">
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}

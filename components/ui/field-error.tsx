/** A field's first message, beside it; `id` ties it to the input (aria-describedby). */
export function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <span id={id} data-testid="field-error" className="mt-1 block text-xs font-normal text-rose-700">
      {messages[0]}
    </span>
  );
}

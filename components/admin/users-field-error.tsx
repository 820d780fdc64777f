/** The first message for one field of a failed action, tied to its input by id. */
export function UsersFieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <span id={id} className="mt-1 block text-xs text-rose-700">
      {messages[0]}
    </span>
  );
}

import type { UserDTO } from "@/lib/users/types";

const minute = (iso: string) => iso.replace("T", " ").slice(0, 16);

/** Active or not, and where a set-password link is outstanding. */
export function UsersState({ user }: { user: UserDTO }) {
  const link = user.linkExpiresAt ? `link valid until ${minute(user.linkExpiresAt)} UTC` : null;
  return (
    <span>
      <span className={user.active ? "text-emerald-800" : "font-medium text-rose-800"}>{user.active ? "Active" : "Deactivated"}</span>
      {user.awaitingPassword ? (
        <span className="block text-xs text-amber-800">Password not set yet{link ? `, ${link}` : ": the link expired"}</span>
      ) : link ? (
        <span className="block text-xs text-slate-600">Reset {link}</span>
      ) : null}
    </span>
  );
}

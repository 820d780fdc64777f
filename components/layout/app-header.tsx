import Link from "next/link";
import { LiveIndicator } from "@/components/live/live-indicator";

export type NavItem = { href: string; label: string };

type Props = {
  nav: NavItem[];
  user: { name: string; roleName: string };
  signOut: () => Promise<void>;
};

export function AppHeader({ nav, user, signOut }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
        <Link href="/sessions" className="text-lg font-semibold tracking-tight">
          Verdict
        </Link>
        <nav className="flex gap-4 text-sm" aria-label="Main">
          {nav.map((item) => (
            <Link key={item.href} href={item.href} className="text-slate-600 hover:text-slate-900">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <LiveIndicator />
          <Link href="/account" data-testid="current-user" className="hover:underline" title="Your account">
            {user.name} <span className="text-slate-500">· {user.roleName}</span>
          </Link>
          <form action={signOut}>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}

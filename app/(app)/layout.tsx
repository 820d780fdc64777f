import type { ReactNode } from "react";
import { AppHeader, type NavItem } from "@/components/layout/app-header";
import { LiveUpdates } from "@/components/live/live-updates";
import { QueryProvider } from "@/components/query-provider";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/viewer";
import { liveRenderPosition } from "@/lib/live/process-hub";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  // Handed to the page's first event stream: what changed since, less a margin (lib/live/hub.ts),
  // is replayed, covering changes committed while the page (rendered alongside) read its data.
  const since = await liveRenderPosition();
  // Layouts do not re-run on client navigation: each page checks its own permission too.
  const viewer = await requireViewer();
  const nav: NavItem[] = [
    { href: "/queue", label: "Queue" },
    { href: "/sessions", label: "Sessions" },
  ];
  if (can(viewer.permissions, "users:manage") || can(viewer.permissions, "providers:manage")) {
    nav.push({ href: "/admin", label: "Admin" });
  }
  if (can(viewer.permissions, "audit:read")) {
    nav.push({ href: "/audit", label: "Audit log" }, { href: "/audit/decisions", label: "Decision history" });
  }
  return (
    <LiveUpdates since={since}>
      <AppHeader nav={nav} user={{ name: viewer.name, roleName: viewer.roleName }} signOut={signOutAction} />
      <main className="mx-auto max-w-7xl px-6 py-8">
        <QueryProvider>{children}</QueryProvider>
      </main>
    </LiveUpdates>
  );
}

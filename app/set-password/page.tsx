import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/account/set-password-form";
import { getDb } from "@/lib/db";
import { inspectSetPasswordLink, type SetPasswordLinkState } from "@/lib/users/set-password";
import { setPasswordAction } from "./actions";

// The token is in the URL: never send it onwards in a Referer, never index the page.
export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const PROBLEMS: Record<Exclude<SetPasswordLinkState["state"], "valid">, string> = {
  unknown: "This link is not valid. Check that you opened the whole link, or ask an admin for a new one.",
  expired: "This link has expired: links are valid for 24 hours. Ask an admin for a new one.",
  used: "This link was already used. Sign in with the password you chose, or ask an admin for a new link.",
  revoked: "This link was replaced by a newer one. Use the latest link you received, or ask an admin for a new one.",
  inactive: "This account is deactivated. Ask an admin to reactivate it.",
};

export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const link = await inspectSetPasswordLink({ db: await getDb() }, { token });
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Set your Verdict password</h1>
        {link.state === "valid" ? (
          <>
            <p className="mt-1 text-sm text-slate-600">
              For {link.name} ({link.email}). This link works once, until {link.expiresAt.replace("T", " ").slice(0, 16)} UTC.
            </p>
            <SetPasswordForm token={token} email={link.email} setPassword={setPasswordAction} />
          </>
        ) : (
          <>
            <p role="alert" className="mt-4 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="set-password-problem">
              {PROBLEMS[link.state]}
            </p>
            <Link href="/login" className="mt-4 inline-block text-sm underline">
              Go to sign-in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/auth/login-form";
import { safeRedirectPath } from "@/lib/auth/config";
import { getViewer } from "@/lib/auth/viewer";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const from = safeRedirectPath((await searchParams).from);
  // No automatic redirect for signed-in visitors: right after sign-out the request may still
  // carry the old cookie, and bouncing back would look like sign-out failed.
  const viewer = await getViewer();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Verdict</h1>
        <p className="mt-1 text-sm text-slate-600">Identity-verification review desk</p>
        {viewer ? (
          <p className="mt-4 text-sm">
            You are signed in as {viewer.name}.{" "}
            <Link href={from} className="font-medium underline">
              Continue
            </Link>
          </p>
        ) : null}
        <LoginForm from={from} signIn={signInAction} />
      </div>
    </main>
  );
}

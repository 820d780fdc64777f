import type { Metadata } from "next";
import { PasswordForm } from "@/components/account/password-form";
import { requireViewer } from "@/lib/auth/viewer";
import { changeOwnPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ password?: string }> };

export default async function AccountPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const justChanged = (await searchParams).password === "changed";
  return (
    <div className="max-w-xl space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Your account</h1>
        <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
          <dt className="text-slate-600">Name</dt>
          <dd>{viewer.name}</dd>
          <dt className="text-slate-600">E-mail</dt>
          <dd>{viewer.email}</dd>
          <dt className="text-slate-600">Role</dt>
          <dd>{viewer.roleName}</dd>
        </dl>
        <p className="text-sm text-slate-600">Your name, e-mail and role are managed by an admin.</p>
      </div>
      <section className="space-y-3" aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change your password
        </h2>
        <p className="text-sm text-slate-600">You stay signed in here; every other browser or device signed in as you is signed out.</p>
        {justChanged ? (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="password-changed">
            Your password is changed and your other sessions are signed out.
          </p>
        ) : null}
        <PasswordForm email={viewer.email} change={changeOwnPasswordAction} />
      </section>
    </div>
  );
}

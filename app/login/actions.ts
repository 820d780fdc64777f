"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth";
import type { SignInState } from "@/components/auth/login-form";
import { safeRedirectPath } from "@/lib/auth/config";


export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { ok: false, error: "Enter your e-mail and password." };
  try {
    // On success signIn throws Next's redirect, which must escape this try.
    await signIn("credentials", { email, password, redirectTo: safeRedirectPath(String(form.get("from") ?? "")) });
    return null;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      return { ok: false, error: "Too many failed attempts. Sign-in is paused for 15 minutes." };
    }
    return { ok: false, error: "Wrong e-mail or password." };
  }
}

"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, type ThrottledSignIn } from "@/lib/auth";
import type { SignInState } from "@/lib/auth/sign-in-state";
import { formText } from "@/lib/forms/form-text";
import { safeRedirectPath } from "@/lib/auth/config";
import { waitInWords } from "@/lib/auth/throttle-policies";

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = formText(form, "email");
  const password = formText(form, "password");
  if (!email || !password) return { ok: false, error: "Enter your e-mail and password." };
  try {
    // On success signIn throws Next's redirect, which must escape this try.
    await signIn("credentials", { email, password, redirectTo: safeRedirectPath(formText(form, "from")) });
    return null;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      const until = (error as Partial<ThrottledSignIn>).until;
      return { ok: false, error: `Too many failed attempts. Try again in ${until ? waitInWords(until) : "15 minutes"}.` };
    }
    return { ok: false, error: "Wrong e-mail or password." };
  }
}

import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { clientAddressOf } from "@/lib/server/http-requests";
import { authConfig } from "./config";
import { verifyCredentials } from "./credentials";
import { addressBucket } from "./trusted-proxies";

export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
  constructor(readonly until: Date) {
    super();
  }
}

const SignInInput = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  // Wrong passwords are expected; the default logger prints a stack trace for each one.
  logger: { error: (error) => (error instanceof CredentialsSignin ? undefined : console.error(error)) },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = SignInInput.safeParse(raw);
        if (!parsed.success) return null;
        // The TCP peer, or what TRUSTED_PROXIES says the proxies saw: never the client's own X-Forwarded-For.
        const address = addressBucket(clientAddressOf(request.headers));
        const result = await verifyCredentials(await getDb(), { ...parsed.data, address });
        if (result.ok) return result.user;
        if (result.reason === "throttled") throw new ThrottledSignIn(result.until);
        return null;
      },
    }),
  ],
});

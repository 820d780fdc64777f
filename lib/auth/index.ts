import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { authConfig } from "./config";
import { verifyCredentials } from "./credentials";

export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

const SignInInput = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) });

/**
 * The client address for per-address throttling. Next sets x-forwarded-for to the socket
 * address when the request has none; behind a proxy it must be the proxy that sets it.
 */
function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

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
        const result = await verifyCredentials(await getDb(), { ...parsed.data, address: clientAddress(request) });
        if (result.ok) return result.user;
        if (result.reason === "throttled") throw new ThrottledSignIn();
        return null;
      },
    }),
  ],
});

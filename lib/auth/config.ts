import type { NextAuthConfig } from "next-auth";

// Module augmentation merges into the libraries' own interfaces, which a `type` alias cannot do.
/* eslint-disable @typescript-eslint/consistent-type-definitions */
declare module "next-auth" {
  interface Session {
    tokenVersion: number;
  }
  interface User {
    tokenVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    tv?: number;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const PROBE_ORIGIN = "http://verdict.invalid";

/**
 * Only same-origin, path-only targets: `//evil.example`, `/\\evil.example` and absolute URLs are
 * refused. So is any control character: browsers drop tabs and newlines inside a URL, which
 * turns "/\t/evil.example" into "//evil.example", another site.
 */
export function safeRedirectPath(target: string | null | undefined, fallback = "/sessions"): string {
  if (!target || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(target) || new URL(target, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return fallback;
  return target;
}

/**
 * The database-free half of the Auth.js configuration, shared with proxy.ts. The token
 * carries only the user id and token version; role, permissions and the active flag come from
 * the database through the process's viewer cache (lib/auth/viewer.ts), which every change to
 * them empties at commit, so changes apply on the next request.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Verdict is reached directly or through a proxy that sets Host; redirects are still
  // limited to our own origin by the `redirect` callback below.
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.tv = user.tokenVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.tokenVersion = token.tv ?? -1;
      return session;
    },
    redirect({ url, baseUrl }) {
      if (url.startsWith("/")) return `${baseUrl}${safeRedirectPath(url)}`;
      return new URL(url).origin === baseUrl ? url : baseUrl;
    },
  },
} satisfies NextAuthConfig;

import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { badUrlReason } from "@/lib/server/bad-url";

// Optimistic only: no session cookie means "go and sign in". Real checks happen on the
// server next to the data (lib/auth/viewer.ts); route handlers under /api check for themselves.
const { auth } = NextAuth(authConfig);

export default auth((request) => {
  const bad = badUrlReason(request.nextUrl.pathname, request.nextUrl.search);
  if (bad) return new NextResponse(`Bad request: the address holds ${bad}.`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  // Route handlers answer 401 and 403 themselves; for them the proxy only screens the address.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  if (request.auth?.user) return NextResponse.next();
  const login = new URL("/login", request.nextUrl);
  // Path only: login/actions.ts accepts nothing but same-origin paths as the way back.
  login.searchParams.set("from", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
});

// The icons and the web manifest (public/) are fetched before anyone signs in: never a redirect.
export const config = {
  matcher: [
    "/((?!api|login|set-password|_next/static|_next/image|favicon.ico|icon.svg|icon-192.png|icon-512.png|apple-touch-icon.png|manifest.webmanifest).*)",
    "/api/sessions/:path*",
  ],
};

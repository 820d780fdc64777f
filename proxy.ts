import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";

// Optimistic only: no session cookie means "go and sign in". Real checks happen on the
// server next to the data (lib/auth/viewer.ts); route handlers under /api check for themselves.
const { auth } = NextAuth(authConfig);

export default auth((request) => {
  if (request.auth?.user) return NextResponse.next();
  const login = new URL("/login", request.nextUrl);
  // Path only: login/actions.ts accepts nothing but same-origin paths as the way back.
  login.searchParams.set("from", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
});

export const config = {
  matcher: ["/((?!api|login|set-password|_next/static|_next/image|favicon.ico).*)"],
};

/**
 * Sign-in over plain HTTP from a chosen local address, as a client elsewhere on the network
 * would: Playwright's own requests all come from 127.0.0.1, and the server keys its throttles on
 * the TCP peer. Any 127.x.y.z is this machine's loopback on Linux, so binding the socket to
 * 127.0.0.2 makes the server see another client. Through Auth.js's credentials callback (the
 * same authorize() as the sign-in form), with its CSRF token.
 */
import http from "node:http";
import { ORIGIN } from "./actions-http";

export type SignInOutcome = "signed-in" | "invalid" | "throttled";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function send(localAddress: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, ORIGIN), { method: options.method ?? "GET", headers: options.headers, localAddress }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

const cookiesOf = (answer: Answer) => (answer.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]!).join("; ");

export async function signInOverHttp(call: { localAddress: string; email: string; password: string; forwardedFor?: string }): Promise<SignInOutcome> {
  const spoof: Record<string, string> = call.forwardedFor ? { "x-forwarded-for": call.forwardedFor } : {};
  const csrf = await send(call.localAddress, "/api/auth/csrf", { headers: spoof });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const answer = await send(call.localAddress, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { ...spoof, "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf) },
    body: new URLSearchParams({ email: call.email, password: call.password, csrfToken, callbackUrl: "/sessions" }).toString(),
  });
  const location = new URL(answer.headers.location ?? "/", ORIGIN);
  if (location.pathname !== "/login") return "signed-in";
  return location.searchParams.get("code") === "throttled" ? "throttled" : "invalid";
}

import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

/** The link the admin passes on: PUBLIC_URL when set, else the address the admin reached us at. */
export async function setPasswordUrl(token: string): Promise<string> {
  const configured = getEnv().PUBLIC_URL;
  let origin = configured?.replace(/\/$/, "");
  if (!origin) {
    const h = await headers();
    origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  }
  return `${origin}/set-password?token=${encodeURIComponent(token)}`;
}

/**
 * First-load JavaScript per page of the production build: the chunks a page's HTML loads with
 * <script src> (not the noModule polyfills), each gzipped (level 9, as Next's old build output measured), summed per page.
 * `next build` in Next 16 no longer prints these sizes.
 */
import { gzipSync } from "node:zlib";

export type PageJs = { path: string; status: number; scripts: number; rawKiB: number; gzipKiB: number };

const SCRIPT_TAG = /<script\b[^>]*>/g;

export async function firstLoadJs(baseUrl: string, cookie: string, paths: { path: string; signedIn: boolean }[]): Promise<PageJs[]> {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = async (src: string) => {
    const url = new URL(src.replace(/&amp;/g, "&"), baseUrl).toString();
    let size = sizes.get(url);
    if (!size) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      size = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
      sizes.set(url, size);
    }
    return size;
  };
  const pages: PageJs[] = [];
  for (const { path, signedIn } of paths) {
    const response = await fetch(`${baseUrl}${path}`, { headers: signedIn ? { cookie } : {}, redirect: "manual" });
    const html = await response.text();
    // noModule scripts (legacy polyfills) are skipped by every browser that runs modules: not first-load.
    const tags = [...html.matchAll(SCRIPT_TAG)].map((m) => m[0]).filter((tag) => !/\bnomodule\b/i.test(tag));
    const srcs = [...new Set(tags.map((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1]).filter((src): src is string => Boolean(src)))];
    let raw = 0;
    let gzip = 0;
    for (const src of srcs) {
      const size = await sizeOf(src);
      raw += size.raw;
      gzip += size.gzip;
    }
    pages.push({ path, status: response.status, scripts: srcs.length, rawKiB: raw / 1024, gzipKiB: gzip / 1024 });
  }
  return pages;
}

/** Every page of the app; `[id]` pages use a real session. */
export function appPages(sessionId: string): { path: string; signedIn: boolean }[] {
  const signedIn = [
    "/sessions",
    `/sessions/${sessionId}`,
    "/queue",
    "/account",
    "/admin",
    "/admin/users",
    "/admin/roles",
    "/admin/webhooks",
    "/audit",
    "/audit/decisions",
    `/audit/sessions/${sessionId}`,
    "/bench-static",
  ].map((path) => ({ path, signedIn: true }));
  return [...signedIn, { path: "/login", signedIn: false }, { path: "/set-password?token=bench-not-a-token", signedIn: false }];
}

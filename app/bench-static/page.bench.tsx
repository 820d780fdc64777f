import type { Metadata } from "next";

/**
 * A page prerendered at build time, with no data and nothing personal: `npm run bench` compares
 * the server-rendered pages with it (the cost of serving a page at all: proxy, cookie check,
 * static HTML). Like every page it sits behind the sign-in proxy.
 *
 * Only the bench's own build has it: `page.bench.tsx` is a page only when NEXT_BENCH_PAGES=1 adds
 * "bench.tsx" to pageExtensions (next.config.ts), so the product build never contains /bench-static.
 */
export const dynamic = "force-static";
export const metadata: Metadata = { title: "Static page", robots: { index: false, follow: false } };

export default function BenchStaticPage() {
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <h1 className="text-2xl font-semibold">Verdict</h1>
      <p className="text-sm text-slate-600">A static page, used to measure the server.</p>
    </main>
  );
}

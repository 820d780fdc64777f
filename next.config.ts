import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  {
    key: "Content-Security-Policy",
    value:
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  },
];

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files relative to its own module; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // A second build (benchmarks, a parallel e2e run) can live beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm run bench` builds with NEXT_BENCH_PAGES=1, which makes its static baseline (app/bench-static/page.bench.tsx)
  // a page; the product build leaves it out.
  ...(process.env.NEXT_BENCH_PAGES === "1" ? { pageExtensions: ["bench.tsx", "tsx", "ts", "jsx", "js"] } : {}),
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;

import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

/**
 * `npm run test:faults`: fault tests against the production server (its own build in
 * .next-faults), the provider sandbox and PGlite, or PostgreSQL when DATABASE_URL is set.
 * Files run one after another: each starts its own server, and the machine has two cores.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/faults/**/*.test.ts"],
    environment: "node",
    env: { AUTH_SECRET: "vitest-only-auth-secret-0123456789abcdef" },
    globalSetup: ["tests/faults/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});

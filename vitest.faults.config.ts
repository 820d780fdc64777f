import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/**
 * `npm run test:faults`: fault tests against the production server (its own build in
 * .next-faults), the provider sandbox and PGlite, or PostgreSQL when DATABASE_URL is set.
 * Files run one after another: each starts its own server, and the machine has two cores.
 * Same aliases and environment as vitest.config.ts, which excludes these files.
 */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["tests/faults/**/*.test.ts"],
    environment: "node",
    env: base.test?.env,
    globalSetup: ["tests/faults/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});

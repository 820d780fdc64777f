import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React's server build; in tests the code is server code.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    // The fault suite starts servers of its own: `npm run test:faults` (vitest.faults.config.ts).
    exclude: [...configDefaults.exclude, "tests/faults/**"],
    environment: "node",
    // lib/env.ts validates at first use; tests configure providers through explicit adapters.
    env: { AUTH_SECRET: "vitest-only-auth-secret-0123456789abcdef" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file shares one database; files run in parallel workers (2 cores).
    fileParallelism: true,
  },
});

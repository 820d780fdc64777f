import { defineConfig, devices } from "@playwright/test";
import { E2E_PORT } from "./e2e/users";

// Playwright cannot download browsers here: use Debian's chromium (apt-get install chromium).
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// `E2E_SUITE=instances`: the two-instance test (e2e/instances/), two servers on one PostgreSQL
// behind a load balancer; otherwise every other spec against one server.
const instances = process.env.E2E_SUITE === "instances";

export default defineConfig({
  testDir: "e2e",
  ...(instances ? { testMatch: "instances/**/*.spec.ts" } : { testIgnore: "instances/**" }),
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: process.env.E2E_RESULTS_FILE ?? ".playwright-results.json" }]],
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        },
      },
    },
  ],
  webServer: {
    command: `node_modules/.bin/tsx --conditions=react-server ${instances ? "e2e/instances/server.ts" : "e2e/server.ts"}`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});

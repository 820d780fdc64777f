/** `next build` for the e2e run, with canary provider secrets in its environment. */
import { spawnSync } from "node:child_process";
import { BUILD_CANARIES, E2E_ACTIONS_ENCRYPTION_KEY } from "./users";

const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
  stdio: "inherit",
  env: { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: E2E_ACTIONS_ENCRYPTION_KEY, ...process.env, ...BUILD_CANARIES, NEXT_TELEMETRY_DISABLED: "1" },
});
process.exit(result.status ?? 1);

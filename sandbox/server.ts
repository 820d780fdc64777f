/**
 * `npm run sandbox`: the four providers' APIs on one port (default 4010), each under its own
 * prefix (/didit, /beltic, /idenfy, /bynn), for the demo, development and tests. A provider is
 * served when its credentials are set (SANDBOX_<PROVIDER>_…); see README for the list.
 */
import { createSandbox, DEFAULT_SEED, DEFAULT_SESSION_COUNT, type SandboxConfig } from "./app";
import { catchUpWhenReady } from "./catch-up";
import { startDemoLoop } from "./demo-loop";

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(1);
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) fail(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

const env = (name: string) => process.env[name] || undefined;

function diditWebhookVersion(value: string | undefined): "v1" | "v3" {
  if (value === undefined || value === "v3") return "v3";
  if (value === "v1") return "v1";
  return fail("SANDBOX_DIDIT_WEBHOOK_VERSION must be v1 or v3");
}

function providersFromEnv(): Pick<SandboxConfig, "didit" | "beltic" | "idenfy" | "bynn"> {
  const didit = env("SANDBOX_DIDIT_API_KEY");
  const beltic = env("SANDBOX_BELTIC_API_KEY");
  const idenfyKey = env("SANDBOX_IDENFY_API_KEY");
  const idenfySecret = env("SANDBOX_IDENFY_API_SECRET");
  const bynn = env("SANDBOX_BYNN_API_KEY");
  return {
    didit: didit
      ? {
          apiKey: didit,
          webhookSecret: env("SANDBOX_DIDIT_WEBHOOK_SECRET") ?? fail("SANDBOX_DIDIT_WEBHOOK_SECRET is required with SANDBOX_DIDIT_API_KEY"),
          clientId: env("SANDBOX_DIDIT_CLIENT_ID"),
          clientSecret: env("SANDBOX_DIDIT_CLIENT_SECRET"),
          webhookVersion: diditWebhookVersion(env("SANDBOX_DIDIT_WEBHOOK_VERSION")),
        }
      : undefined,
    beltic: beltic
      ? { apiKey: beltic, webhookSecret: env("SANDBOX_BELTIC_WEBHOOK_SECRET") ?? fail("SANDBOX_BELTIC_WEBHOOK_SECRET is required with SANDBOX_BELTIC_API_KEY") }
      : undefined,
    idenfy: idenfyKey && idenfySecret ? { apiKey: idenfyKey, apiSecret: idenfySecret, webhookSecret: env("SANDBOX_IDENFY_WEBHOOK_SECRET") } : undefined,
    bynn: bynn ? { apiKey: bynn, webhookPrivateKey: env("SANDBOX_BYNN_WEBHOOK_PRIVATE_KEY")?.replace(/\\n/g, "\n") } : undefined,
  };
}

const port = intFromEnv("SANDBOX_PORT", 4010);
const host = process.env.SANDBOX_HOST || "127.0.0.1";
const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
const webhookTarget = env("SANDBOX_WEBHOOK_TARGET");
const sandbox = createSandbox({
  seed: intFromEnv("SANDBOX_SEED", DEFAULT_SEED),
  sessionCount: intFromEnv("SANDBOX_SESSION_COUNT", DEFAULT_SESSION_COUNT),
  webhookTarget,
  publicBaseUrl: origin,
  ...providersFromEnv(),
});
if (sandbox.providers.size === 0) fail("no provider is configured: set SANDBOX_DIDIT_API_KEY and/or the other SANDBOX_* credentials");

sandbox.server.on("error", (error) => fail(error.message));
sandbox.server.listen(port, host, () => {
  console.log(`sandbox listening on ${origin}`);
  for (const provider of sandbox.providers.values()) {
    console.log(`  ${provider.id}: ${origin}/${provider.id} (${provider.sessionIds().length} sessions)`);
  }
  console.log(`  webhooks → ${webhookTarget ?? "(none: set SANDBOX_WEBHOOK_TARGET)"}`);
  if (!webhookTarget) return;
  const demo = env("SANDBOX_DEMO") === "1";
  void catchUpWhenReady(sandbox, webhookTarget, () => {
    if (demo) startDemoLoop(sandbox, webhookTarget, intFromEnv("SANDBOX_DEMO_INTERVAL_MS", 5000));
  });
});

function shutdown(signal: string): void {
  console.log(`sandbox: ${signal}, closing`);
  sandbox.server.close(() => process.exit(0));
  sandbox.server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.once("SIGINT", () => shutdown("SIGINT"));
process.once("SIGTERM", () => shutdown("SIGTERM"));

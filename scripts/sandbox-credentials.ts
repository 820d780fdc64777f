import { generateKeyPairSync, randomBytes } from "node:crypto";

/** Everything the sandbox and Verdict must agree on: API credentials and webhook secrets. */
export type SandboxCredentials = {
  didit: { apiKey: string; webhookSecret: string; clientId: string; clientSecret: string };
  beltic: { apiKey: string; webhookSecret: string };
  idenfy: { apiKey: string; apiSecret: string; webhookSecret: string };
  bynn: { apiKey: string; webhookPublicKey: string; webhookPrivateKey: string };
};

/** Fresh random credentials; Bynn signs webhooks with its own RSA key, so it gets a key pair. */
export function generateSandboxCredentials(): SandboxCredentials {
  const word = () => randomBytes(12).toString("base64url");
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    didit: { apiKey: `sandbox_didit_${word()}`, webhookSecret: word(), clientId: `client_${word()}`, clientSecret: word() },
    beltic: { apiKey: `sk_staging_${word()}`, webhookSecret: word() },
    idenfy: { apiKey: `idenfy_${word()}`, apiSecret: word(), webhookSecret: word() },
    bynn: {
      apiKey: `private_sandbox_${word()}`,
      webhookPublicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
      webhookPrivateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    },
  };
}

/** The sandbox process reads these (sandbox/server.ts). */
export function sandboxEnv(credentials: SandboxCredentials, webhookTarget: string): Record<string, string> {
  return {
    SANDBOX_WEBHOOK_TARGET: webhookTarget,
    SANDBOX_DIDIT_API_KEY: credentials.didit.apiKey,
    SANDBOX_DIDIT_WEBHOOK_SECRET: credentials.didit.webhookSecret,
    SANDBOX_DIDIT_CLIENT_ID: credentials.didit.clientId,
    SANDBOX_DIDIT_CLIENT_SECRET: credentials.didit.clientSecret,
    SANDBOX_BELTIC_API_KEY: credentials.beltic.apiKey,
    SANDBOX_BELTIC_WEBHOOK_SECRET: credentials.beltic.webhookSecret,
    SANDBOX_IDENFY_API_KEY: credentials.idenfy.apiKey,
    SANDBOX_IDENFY_API_SECRET: credentials.idenfy.apiSecret,
    SANDBOX_IDENFY_WEBHOOK_SECRET: credentials.idenfy.webhookSecret,
    SANDBOX_BYNN_API_KEY: credentials.bynn.apiKey,
    SANDBOX_BYNN_WEBHOOK_PRIVATE_KEY: credentials.bynn.webhookPrivateKey,
  };
}

/** Verdict's provider configuration pointing at the sandbox (see lib/env.ts). */
export function verdictProviderEnv(credentials: SandboxCredentials, sandboxUrl: string): Record<string, string> {
  return {
    DIDIT_API_KEY: credentials.didit.apiKey,
    DIDIT_BASE_URL: `${sandboxUrl}/didit`,
    DIDIT_AUTH_BASE_URL: `${sandboxUrl}/didit`,
    DIDIT_CLIENT_ID: credentials.didit.clientId,
    DIDIT_CLIENT_SECRET: credentials.didit.clientSecret,
    DIDIT_WEBHOOK_SECRET: credentials.didit.webhookSecret,
    BELTIC_API_KEY: credentials.beltic.apiKey,
    BELTIC_BASE_URL: `${sandboxUrl}/beltic`,
    BELTIC_WEBHOOK_SECRET: credentials.beltic.webhookSecret,
    IDENFY_API_KEY: credentials.idenfy.apiKey,
    IDENFY_API_SECRET: credentials.idenfy.apiSecret,
    IDENFY_BASE_URL: `${sandboxUrl}/idenfy`,
    IDENFY_WEBHOOK_SECRET: credentials.idenfy.webhookSecret,
    BYNN_API_KEY: credentials.bynn.apiKey,
    BYNN_BASE_URL: `${sandboxUrl}/bynn`,
    BYNN_WEBHOOK_PUBLIC_KEY: credentials.bynn.webhookPublicKey,
  };
}

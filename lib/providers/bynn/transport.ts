import "server-only";
import { createTransport, keyCredentials } from "../kit/transport";
import type { Connection, Transport } from "../kit/transport";

/** Every call with `Authorization: Bearer <private key>`. */
export function bynnTransport(connection: Connection, apiKey: string): Transport {
  return createTransport({
    ...connection,
    provider: "bynn",
    providerName: "Bynn",
    credentials: keyCredentials("bynn", "Bynn", apiKey, (key) => ({ authorization: `Bearer ${key}` })),
  });
}

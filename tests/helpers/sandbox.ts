import type { AddressInfo } from "node:net";
import { createSandbox, type Sandbox, type SandboxConfig } from "@/sandbox/app";

export type RunningSandbox = Sandbox & { url: string; close: () => Promise<void> };

/** The sandbox on a free loopback port, for tests that talk to it over real HTTP. */
export async function startTestSandbox(config: SandboxConfig): Promise<RunningSandbox> {
  const sandbox = createSandbox(config);
  await new Promise<void>((resolve) => sandbox.server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(sandbox.server.address() as AddressInfo).port}`;
  const close = async () => {
    sandbox.server.closeAllConnections();
    await new Promise((resolve) => sandbox.server.close(resolve));
  };
  return { ...sandbox, url, close };
}

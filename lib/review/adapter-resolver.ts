import type { ProviderAdapter } from "@/lib/providers/types";

/** Finds the configured adapter of a provider; the registry in production, the sandbox's in tests. */
export type AdapterResolver = (provider: string) => ProviderAdapter | undefined;

import type { Database } from "@/db/client";
import type { Viewer } from "@/lib/auth/load-viewer";
import type { AdapterResolver } from "./adapter-resolver";

/**
 * The first argument of every review service, `(ctx, input)`: who asks, against which database,
 * with which provider adapters (the registry unless a test or the bench injects its own) and
 * which clock (now unless a test pins it).
 */
export type ServiceContext = { db: Database; viewer: Viewer; resolveAdapter?: AdapterResolver; now?: Date };

/** A scheduled job's context: no viewer, the system acts (the reconciler). */
export type JobContext = Omit<ServiceContext, "viewer">;

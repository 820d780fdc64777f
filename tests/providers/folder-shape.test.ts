import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROVIDER_IDS } from "@/lib/providers/types";

/** The one folder shape of docs/adding-a-provider.md: a provider is these files, filled in, and nothing else. */
const PROVIDER_FILES = ["adapter.ts", "codes.ts", "index.ts", "media.ts", "normalize.ts", "schemas.ts", "status.ts", "transport.ts", "webhook.ts"];

describe("provider folders", () => {
  it.each(PROVIDER_IDS)("%s has exactly the provider files", (id) => {
    const files = fs.readdirSync(path.join(process.cwd(), "lib/providers", id)).sort();
    expect(files).toEqual(PROVIDER_FILES);
  });
});

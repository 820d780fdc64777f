import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layer boundaries of eslint.config.mjs, linted without type information: type-aware parsing would make each
// lintText take seconds, and the boundary rules do not need types. The first test shows the objects used here are the
// ones the real config applies.
const root = path.resolve(import.meta.dirname, "../..");
type ProjectConfig = { default: Linter.Config[]; boundaryConfigs: Linter.Config[]; clientBoundaryConfig: Linter.Config };

let project: ProjectConfig;
let eslint: ESLint;

beforeAll(async () => {
  project = (await import(pathToFileURL(path.join(root, "eslint.config.mjs")).href)) as ProjectConfig;
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ["**/*.ts", "**/*.tsx"], languageOptions: { parser: tseslint.parser } }, ...project.boundaryConfigs, project.clientBoundaryConfig],
  });
});

async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? "fatal");
}

describe("lint boundaries", () => {
  it("are the objects the repository's config applies", async () => {
    for (const config of [...project.boundaryConfigs, project.clientBoundaryConfig]) expect(project.default).toContain(config);
    // And nothing later in the real config replaces them for a component.
    const resolved = (await new ESLint({ cwd: root }).calculateConfigForFile(path.join(root, "components/x.tsx"))) as Linter.Config;
    const components = project.boundaryConfigs.find((c) => c.name === "verdict/boundaries/components");
    const [, options] = components?.rules?.["no-restricted-imports"] as [string, unknown];
    expect(resolved.rules?.["no-restricted-imports"]).toEqual([2, options]);
    expect(resolved.rules?.["verdict/no-server-only-in-client"]).toEqual([2]);
  });

  it("stop a component from importing the database", async () => {
    expect(await errors("components/x.tsx", 'import { db } from "@/db/client";\nexport const x = db;\n')).toEqual(["no-restricted-imports"]);
    expect(await errors("components/x/y.tsx", 'import { users } from "../../db/schema";\nexport const x = users;\n')).toEqual(["no-restricted-imports"]);
    expect(await errors("components/x.tsx", 'import type { Db } from "@/db";\nexport type X = Db;\n')).toEqual(["no-restricted-imports"]);
    expect(await errors("components/x.tsx", 'import { getDb } from "@/lib/db";\nexport const x = getDb;\n')).toEqual(["no-restricted-imports"]);
  });

  it("stop a component from importing a provider module", async () => {
    expect(await errors("components/x.tsx", 'import { getProviderAdapter } from "@/lib/providers/registry";\nexport const x = getProviderAdapter;\n')).toEqual([
      "no-restricted-imports",
    ]);
  });

  it("stop provider modules from importing the database", async () => {
    expect(await errors("lib/providers/x/adapter.ts", 'import { db } from "@/db/client";\nexport const x = db;\n')).toEqual(["no-restricted-imports"]);
    expect(await errors("lib/providers/x/adapter.ts", 'import { getDb } from "@/lib/db";\nexport const x = getDb;\n')).toEqual(["no-restricted-imports"]);
  });

  it("keep lib below app and the sandbox apart from the product", async () => {
    expect(await errors("lib/x.ts", 'import { a } from "@/app/login/actions";\nexport const x = a;\n')).toEqual(["no-restricted-imports"]);
    expect(await errors("lib/x/y.ts", 'import { a } from "../../app/login/actions";\nexport const x = a;\n')).toEqual(["no-restricted-imports"]);
    expect(await errors("sandbox/x.ts", 'import { a } from "@/lib/errors";\nexport const x = a;\n')).toEqual(["no-restricted-imports"]);
    expect(await errors("app/x.ts", 'import { a } from "@/sandbox/app";\nexport const x = a;\n')).toEqual(["no-restricted-imports"]);
  });

  it("stop a client component from importing a server-only module, but not its types", async () => {
    const client = '"use client";\nimport { listUsers } from "@/lib/users/list-users";\nexport const x = listUsers;\n';
    expect(await errors("components/x.tsx", client)).toEqual(["verdict/no-server-only-in-client"]);
    expect(await errors("components/x.tsx", '"use client";\nimport "server-only";\n')).toEqual(["verdict/no-server-only-in-client"]);
    // The same import in a server component is fine, and a client component may import a module's types.
    expect(await errors("components/x.tsx", client.replace('"use client";\n', ""))).toEqual([]);
    expect(await errors("components/x.tsx", '"use client";\nimport type { UserDTO } from "@/lib/users/types";\nexport type X = UserDTO;\n')).toEqual([]);
  });

  it("allow what the layers allow", async () => {
    expect(await errors("components/x.tsx", 'import { ok } from "@/lib/actions/result";\nexport const x = ok;\n')).toEqual([]);
    expect(await errors("lib/providers/x/adapter.ts", 'import { fetchJson } from "../http";\nexport const x = fetchJson;\n')).toEqual([]);
    expect(await errors("app/x.ts", 'import { db } from "@/db/client";\nexport const x = db;\n')).toEqual([]);
  });
});

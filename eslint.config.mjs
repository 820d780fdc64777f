// ESLint 9 flat config: Next's rules, type-aware typescript-eslint, the layer boundaries as rules, Prettier last.
// The boundaries are exported on their own so tests/unit/lint-boundaries.test.ts lints with the very same objects.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig } from "eslint/config";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

const root = path.dirname(fileURLToPath(import.meta.url));

// One regex per forbidden target, matching both the `@/` alias and a relative path climbing to the same folder.
const target = (folder) => `^(@/|(\\.\\./)+)${folder}(/|$)`;
const forbid = (folder, message) => ({ regex: target(folder), message });

const DB = forbid("db", "The database is reached through lib/ services only (layers point down: app → components → lib → db).");
const DB_HANDLE = forbid("lib/db", "lib/db.ts opens the database: only lib/ services and app/ entry points take the handle.");
const PROVIDERS = forbid("lib/providers", "Provider modules hold secrets and clients: components get provider data through lib/ services or props.");
const APP = forbid("app", "lib/ and components/ sit below app/: move the shared piece down instead of importing from app/.");
const COMPONENTS = forbid("components", "lib/ sits below components/: move the shared type or helper into lib/.");
const SANDBOX = forbid("sandbox", "The sandbox is a test double for the providers: product code never imports it.");
const PRODUCT = ["lib", "app", "components", "db"].map((folder) =>
  forbid(folder, "The sandbox stands in for a provider and must not share code with the product it tests."),
);

const restrict = (name, files, patterns, ignores = []) => ({
  name: `verdict/boundaries/${name}`,
  files,
  ignores,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

// no-restricted-imports options replace each other rather than merge, so every file falls in exactly one group
// (the `ignores` keep the groups disjoint) and each group lists all the targets it may not reach.
export const boundaryConfigs = [
  restrict("app", ["app/**"], [SANDBOX]),
  restrict("components", ["components/**"], [DB, DB_HANDLE, PROVIDERS, APP, SANDBOX]),
  restrict("lib", ["lib/**"], [APP, COMPONENTS, SANDBOX], ["lib/providers/**"]),
  restrict("providers", ["lib/providers/**"], [DB, DB_HANDLE, APP, COMPONENTS, SANDBOX]),
  restrict("db", ["db/**"], [APP, COMPONENTS, SANDBOX]),
  restrict("sandbox", ["sandbox/**"], PRODUCT),
];

// A "use client" file that imports a module marked `import "server-only"` fails only at build time, deep in the
// bundler output; this rule names the import in the editor. It resolves `@/` and relative specifiers to files in
// the repository and reads their first lines (cached per lint run).
const serverOnlyCache = new Map();
function isServerOnly(file) {
  if (serverOnlyCache.has(file)) return serverOnlyCache.get(file);
  const head = readFileSync(file, "utf8").slice(0, 2000);
  const marked = /^\s*import\s+["']server-only["'];?/m.test(head);
  serverOnlyCache.set(file, marked);
  return marked;
}
function resolveLocal(specifier, fromFile) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return undefined;
  const candidates = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"].map((suffix) => base + suffix);
  return candidates.find((file) => existsSync(file) && !file.endsWith(path.sep) && /\.tsx?$/.test(file));
}
const noServerOnlyInClient = {
  meta: {
    type: "problem",
    docs: { description: 'Forbid "use client" modules from importing server-only modules.' },
    schema: [],
    messages: { serverOnly: '"{{specifier}}" is a server-only module and cannot be imported by a "use client" file.' },
  },
  create(context) {
    const program = context.sourceCode.ast;
    const isClient = program.body.some((node) => node.type === "ExpressionStatement" && node.directive === "use client");
    if (!isClient) return {};
    const check = (node) => {
      if (!node.source || typeof node.source.value !== "string") return;
      // Type-only imports are erased at compile time and never pull the module into the client bundle.
      if (node.importKind === "type" || node.exportKind === "type") return;
      const specifier = node.source.value;
      const file = specifier === "server-only" ? "server-only" : resolveLocal(specifier, context.filename);
      if (!file || (file !== "server-only" && !isServerOnly(file))) return;
      context.report({ node: node.source, messageId: "serverOnly", data: { specifier } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
export const clientBoundaryConfig = {
  name: "verdict/boundaries/client",
  files: ["app/**/*.tsx", "components/**/*.tsx", "app/**/*.ts", "components/**/*.ts"],
  plugins: { verdict: { rules: { "no-server-only-in-client": noServerOnlyInClient } } },
  rules: { "verdict/no-server-only-in-client": "error" },
};

export default defineConfig(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "data/**",
      "test-results*/**",
      "playwright-report/**",
      "next-env.d.ts",
      "db/migrations/**",
      "bench/reports/**",
    ],
  },
  // A disable comment that no longer silences anything fails the lint, so every one left names a rule that runs.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  ...nextVitals,
  ...nextTs,
  {
    name: "verdict/type-aware",
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      // Async implementations of Promise-returning contracts (adapter methods, server actions, fakes) read better than
      // `Promise.resolve(...)`; the promise rules below (no-floating-promises, no-misused-promises) catch the real bugs.
      "@typescript-eslint/require-await": "off",
      // React ignores what an event handler or `action` returns; our handlers catch their own errors (useServerAction),
      // so only the attribute case is relaxed, not promises passed to plain callbacks.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // An import circle evaluates one module before the other has defined its exports: a constant used at the
    // top level is then undefined, which a production bundle shows as a 500 on first use (seen in lib/review).
    name: "verdict/no-cycles",
    files: ["lib/**", "db/**", "components/**"],
    // Packages cannot import our files back: never parse them (pglite's bundle overflows the parser).
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // Server components render once per request on the server: `Date.now()` there is the request time, not an
    // impurity that would make client re-renders disagree.
    name: "verdict/server-pages",
    files: ["app/**/page.tsx", "app/**/layout.tsx"],
    rules: { "react-hooks/purity": "off" },
  },
  {
    // Response bodies and fixtures in tests are `any` on purpose (`await res.json()`); the assertions are the check.
    // There is no React in tests: vitest/playwright fixtures call a function named `use`.
    name: "verdict/tests",
    files: ["tests/**", "e2e/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "react-hooks/rules-of-hooks": "off",
    },
  },
  {
    // Config files in plain JS are outside tsconfig's `include`, so they get no type information.
    name: "verdict/js-untyped",
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The sandbox imitates providers that echo whatever JSON a client sent back into their messages, objects included.
    name: "verdict/sandbox",
    files: ["sandbox/**"],
    rules: { "@typescript-eslint/no-base-to-string": "off" },
  },
  ...boundaryConfigs,
  clientBoundaryConfig,
  prettier,
);

import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used: it reads the schema and needs no database.
// Migrations are applied by the app at start-up (db/migrate.ts), never by drizzle-kit,
// because PGlite must be opened by exactly one process.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});

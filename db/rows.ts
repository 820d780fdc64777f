/** node-postgres answers drizzle's `execute` with `{ rows }`, PGlite too; the shared type does not say so. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows?: T[] }).rows ?? (result as T[]);
}

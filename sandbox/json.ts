export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function asObject(value: Json | undefined): JsonObject | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
}

export function firstObject(value: Json | undefined): JsonObject | null {
  return Array.isArray(value) ? asObject(value[0]) : null;
}

export function asString(value: Json | undefined): string | null {
  return typeof value === "string" ? value : null;
}

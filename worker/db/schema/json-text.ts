/**
 * Typed JSON in a `text` column, read tolerantly. Its own module (not columns.ts, which imports
 * sites.ts) so sites.ts can use it without an import cycle.
 */
import { customType } from "drizzle-orm/sqlite-core";

/** Stored JSON text read as `jsonText` reads it: `decode` gets undefined when it is not JSON. */
export function decodeJson<T>(stored: string, decode: (value: unknown) => T): T {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    // Malformed text (an old or hand-edited row) decodes like a missing value.
  }
  return decode(value);
}

/**
 * A `text` column holding JSON, typed and read tolerantly: `decode` gets the parsed value
 * (undefined when the stored text is not JSON) and returns what the code may rely on, so one
 * malformed old row reads as a fallback instead of failing its whole query (drizzle's own
 * `mode: "json"` throws). SQL NULL stays null without `decode`. Statements bound raw through
 * db/prepared.ts skip this mapping: bind JSON text there.
 */
export const jsonText = <T>(name: string, decode: (value: unknown) => T) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (stored) => decodeJson(stored, decode),
  })(name);

/** The strings of a JSON array, or none (a decoder for `jsonText`). */
export const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

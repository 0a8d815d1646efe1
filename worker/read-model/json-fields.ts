/**
 * Field schemas shared by the read model and the API's response schemas (each next to its
 * serializer).
 */
import { z } from "zod";

export const text = z.string();
export const nullableText = z.string().nullable();
/** An instant as `Date.prototype.toISOString` writes it. */
export const isoInstant = z.iso.datetime();
export const count = z.number().int().nonnegative();

/** A page of `item`s with the keyset cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({ data: z.array(item), next_cursor: nullableText });

/** A strict object with one `field` per name of `keys` (a closed set read as one shape). */
export const objectOfKeys = <K extends string, T extends z.ZodType>(keys: readonly K[], field: T) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, field])) as Record<K, T>);

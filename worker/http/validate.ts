/** Edge validation: bounded bodies, JSON parsing and zod schemas, all failing as a 4xx ApiError. */
import type { Context } from "hono";
import type { z } from "zod";
import { readBounded } from "./body-limit";
import { ApiError } from "./errors";
import { describeIssues } from "./issue-text";

/** Validates `data` against `schema` or throws a 400 `validation_failed`. */
export function validate<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ApiError(400, "validation_failed", describeIssues(result.error));
  return result.data;
}

/**
 * Reads the raw body up to `maxBytes` (413 beyond), whatever its content type, counting bytes
 * as they arrive (body-limit.ts): a chunked or mislabelled body is cut off at the limit.
 */
export async function readBody(c: Context, maxBytes: number): Promise<ArrayBuffer> {
  return (await readBounded(c.req.raw, maxBytes)).buffer;
}

/** Parses JSON text or throws a 400 `invalid_json`. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "Body is not valid JSON");
  }
}

/** Reads a bounded JSON body (any content type, so `text/plain` beacons work) and validates it. */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  maxBytes: number,
): Promise<z.output<S>> {
  const body = await readBody(c, maxBytes);
  return validate(schema, parseJson(new TextDecoder().decode(body)));
}

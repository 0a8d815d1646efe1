/**
 * Bounded body reading. Bytes are counted while the stream is read and reading stops at the
 * limit (the rest of the stream is cancelled, never buffered), whether or not the request says
 * how long it is: a chunked body has no Content-Length, and a declared length is only a claim.
 * A declared length over the limit is refused before reading anything.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, "payload_too_large", `Body over ${maxBytes} bytes`);
}

/** Reads `req`'s body, at most `maxBytes` of it (413 `payload_too_large` beyond). */
export async function readBounded(
  req: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  const body = req.body;
  if (declared !== null && Number(declared) > maxBytes) {
    await body?.cancel().catch(() => {});
    throw tooLarge(maxBytes);
  }
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * Middleware for routes whose body is read by someone else (hono validators, `c.req.json()`):
 * reads at most `maxBytes` with `readBounded` and hands the handler a request holding exactly
 * those bytes.
 */
export function boundedBody(maxBytes: number) {
  if (!Number.isInteger(maxBytes) || maxBytes < 0) throw new RangeError("maxBytes: whole bytes");
  return createMiddleware<AppEnv>(async function boundedBody(c, next) {
    if (c.req.raw.body) {
      const bytes = await readBounded(c.req.raw, maxBytes);
      c.req.raw = new Request(c.req.raw, { body: bytes });
    }
    await next();
  });
}

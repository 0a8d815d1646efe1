/**
 * Bounded body reading. Bytes are counted while the stream is read and reading stops at the
 * limit (the rest of the stream is cancelled, never buffered), whether or not the request says
 * how long it is: a chunked body has no Content-Length, and a declared length is only a claim.
 * A declared length over the limit is refused before reading anything.
 *
 * The body is read into buffers we size (a BYOB reader's `readAtLeast`): the first one byte
 * larger than the declared length, so a truthful body arrives in one read (16 KiB when no length
 * is declared), then growing buffers, counted, up to one byte past the limit. Measured on the
 * click route, one read instead of a chunk loop saves about 0.2 ms of CPU per request. Streams
 * that have no BYOB reader (made in JavaScript) are read chunk by chunk, counted the same way.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

/** The first buffer for a body of unknown length (chunked): bytes. */
const UNKNOWN_FIRST = 16 * 1024;

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, "payload_too_large", `Body over ${maxBytes} bytes`);
}

/** One buffer holding `parts` in order. */
function joined(parts: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const only = parts[0];
  if (parts.length === 1 && only && only.byteLength === only.buffer.byteLength)
    return only as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** Reads with buffers we size: at most `maxBytes + 1` bytes, ever. */
async function readSized(
  body: ReadableStream<Uint8Array>,
  first: number,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = body.getReader({ mode: "byob" });
  } catch {
    return null;
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  // After the first buffer, each is as large as what came so far (never past the limit + 1), so
  // what is held stays within twice what the sender actually sent.
  for (let want = first; ; want = Math.min(maxBytes + 1 - total, Math.max(total, UNKNOWN_FIRST))) {
    const { done, value } = await reader.readAtLeast(want, new Uint8Array(want));
    if (value?.byteLength) {
      parts.push(value);
      total += value.byteLength;
    }
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    // Fewer bytes than asked for only at the end of the stream.
    if (done || !value || value.byteLength < want) break;
  }
  reader.releaseLock();
  return joined(parts, total);
}

/** Reads chunk by chunk, counting. */
async function readChunks(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
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
  return joined(chunks, total);
}

/** Reads `req`'s body, at most `maxBytes` of it (413 `payload_too_large` beyond). */
export async function readBounded(
  req: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  const claimed = declared === null ? Number.NaN : Number(declared);
  const body = req.body;
  if (claimed > maxBytes) {
    await body?.cancel().catch(() => {});
    throw tooLarge(maxBytes);
  }
  if (!body) return new Uint8Array(0);
  const first =
    Number.isSafeInteger(claimed) && claimed >= 0
      ? claimed + 1
      : Math.min(maxBytes + 1, UNKNOWN_FIRST);
  return (await readSized(body, first, maxBytes)) ?? readChunks(body, maxBytes);
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

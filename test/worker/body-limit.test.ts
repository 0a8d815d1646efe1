/**
 * Bodies are counted while read (worker/http/body-limit.ts): a chunked body with no
 * Content-Length, or one whose Content-Length lies, gets 413 `payload_too_large` once it passes
 * the route's limit, and the rest of the stream is never pulled.
 */
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../worker/env";
import { boundedBody } from "../../worker/http/body-limit";
import { onError } from "../../worker/http/errors";
import { WEBHOOK_BODY_MAX } from "../../worker/inbound/whatsapp-route";
import { CLICK_BODY_MAX } from "../../worker/ingest/click-schema";
import { call, createSite } from "./helpers";

const CHUNK = 16 * 1024;

/**
 * An endless body of `CHUNK`-byte chunks that counts how many were pulled. A byte stream
 * (`bytes`) can be read into the reader's own buffers (BYOB), as the runtime's request bodies
 * are; a default stream only chunk by chunk: body-limit.ts has a path for each.
 */
function endless(bytes = false) {
  const counter = { pulls: 0 };
  const chunk = () => new Uint8Array(CHUNK).fill(0x20);
  const stream = bytes
    ? new ReadableStream({
        type: "bytes",
        pull(controller) {
          counter.pulls++;
          controller.enqueue(chunk());
        },
      })
    : new ReadableStream<Uint8Array>({
        pull(controller) {
          counter.pulls++;
          controller.enqueue(chunk());
        },
      });
  return { counter, stream: stream as ReadableStream<Uint8Array> };
}

function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return new Request(`https://chatref.test${path}`, {
    method: "POST",
    headers: { "content-type": "text/plain", ...headers },
    body,
  });
}

async function expect413(res: Response) {
  expect(res.status).toBe(413);
  expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
}

describe("bounded bodies", () => {
  for (const [path, max] of [
    ["/v1/clicks", CLICK_BODY_MAX],
    ["/webhooks/whatsapp", WEBHOOK_BODY_MAX],
  ] as const) {
    for (const bytes of [false, true]) {
      it(`${path}: an endless chunked ${bytes ? "byte " : ""}stream gets 413 after about ${max} bytes`, async () => {
        const { counter, stream } = endless(bytes);
        const req = post(path, stream, { "x-hub-signature-256": `sha256=${"0".repeat(64)}` });
        expect(req.headers.get("content-length")).toBeNull();
        await expect413(await call(req));
        // Pulled just past the limit (plus the stream's read-ahead), not forever.
        expect(counter.pulls).toBeGreaterThan(max / CHUNK);
        expect(counter.pulls).toBeLessThanOrEqual(Math.ceil(max / CHUNK) + 3);
      });
    }

    it(`${path}: a Content-Length that understates the body does not let it through`, async () => {
      const req = post(path, " ".repeat(max + 1), {
        "content-length": "10",
        "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
      });
      await expect413(await call(req));
    });

    it(`${path}: a declared length over the limit is refused before reading`, async () => {
      const { counter, stream } = endless();
      const req = post(path, stream, { "content-length": String(max + 1) });
      await expect413(await call(req));
      expect(counter.pulls).toBeLessThanOrEqual(2);
    });
  }

  it("an admin route's JSON body is bounded the same way", async () => {
    const site = await createSite();
    const { counter, stream } = endless();
    const req = new Request(`https://chatref.test/api/v1/sites/${site.id}`, {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${env.CHATREF_ADMIN_TOKEN}`,
        "content-type": "application/json",
      },
      body: stream,
    });
    await expect413(await call(req));
    expect(counter.pulls).toBeLessThan(10);
  });

  it("boundedBody() bounds a body read by someone else (c.req.json) and keeps a small one whole", async () => {
    const app = new Hono<AppEnv>()
      .post("/", boundedBody(1024), async (c) => c.json(await c.req.json()))
      .onError(onError);
    const { counter, stream } = endless();
    await expect413(await app.request("/", { method: "POST", body: stream }, env));
    expect(counter.pulls).toBeLessThanOrEqual(3);
    const ok = await app.request("/", { method: "POST", body: '{"a":[1,2,3]}' }, env);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ a: [1, 2, 3] });
  });
});

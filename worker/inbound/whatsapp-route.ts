/**
 * WhatsApp Cloud API webhooks. GET answers Meta's verify-token handshake; POST verifies
 * `X-Hub-Signature-256` over the raw bytes, then stores the raw delivery and records its
 * messages in one D1 transaction (see process-delivery.ts) and acknowledges with 200. Once the
 * signature holds, a processing failure never turns into a non-200: the delivery is kept and
 * retried.
 */
import { Hono } from "hono";
import { parseWhatsAppDelivery } from "../adapters/whatsapp/payload";
import { verifyMetaSignature } from "../adapters/whatsapp/signature";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { parseJson, readBody } from "../http/validate";
import { metaHandshake } from "./meta-handshake";
import { ingestDelivery } from "./process-delivery";

/** Meta documents payloads of up to 3 MB. */
export const WEBHOOK_BODY_MAX = 3 * 1024 * 1024;

export const whatsappRoute = new Hono<AppEnv>().get("/", metaHandshake).post("/", async (c) => {
  const raw = await readBody(c, WEBHOOK_BODY_MAX);
  if (
    !(await verifyMetaSignature(
      raw,
      c.req.header("x-hub-signature-256"),
      c.env.WHATSAPP_APP_SECRET,
    ))
  ) {
    throw new ApiError(401, "unauthorized", "Missing or invalid X-Hub-Signature-256");
  }
  const text = new TextDecoder().decode(raw);
  const parsed = parseWhatsAppDelivery(parseJson(text));
  if (!parsed)
    throw new ApiError(
      400,
      "validation_failed",
      "Not a WhatsApp webhook envelope (entry[].changes[])",
    );
  const { outcome, later } = await ingestDelivery(
    c.var.db,
    c.env.FORWARD_QUEUE,
    "whatsapp",
    text,
    parsed,
  );
  if (later) c.executionCtx.waitUntil(later());
  return c.json({
    received: true,
    outcome,
    messages: parsed.messages.length,
    statuses: parsed.statuses,
  });
});

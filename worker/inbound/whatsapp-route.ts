/**
 * WhatsApp Cloud API webhooks. GET answers Meta's verify-token handshake; POST verifies
 * `X-Hub-Signature-256` over the raw bytes, stores the raw delivery, acknowledges with 200 and
 * processes it after the response (`waitUntil`), so Meta's latency target holds.
 */
import { Hono } from "hono";
import { getDb } from "../db/client";
import { deliveries } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { parseJson, readBody } from "../http/validate";
import { verifyMetaSignature } from "./meta-signature";
import { processDelivery } from "./process-delivery";
import { parseWhatsAppDelivery } from "./whatsapp-payload";

/** Meta documents payloads of up to 3 MB. */
export const WEBHOOK_BODY_MAX = 3 * 1024 * 1024;

export const whatsappRoute = new Hono<AppEnv>()
  .get("/", (c) => {
    const mode = c.req.query("hub.mode");
    const token = c.req.query("hub.verify_token");
    const challenge = c.req.query("hub.challenge") ?? "";
    if (
      mode !== "subscribe" ||
      !c.env.WHATSAPP_VERIFY_TOKEN ||
      token !== c.env.WHATSAPP_VERIFY_TOKEN
    ) {
      throw new ApiError(403, "forbidden", "Verify token does not match");
    }
    return c.text(challenge.slice(0, 256));
  })
  .post("/", async (c) => {
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
    const db = getDb(c.env.DB);
    const stored = await db
      .insert(deliveries)
      .values({ provider: "whatsapp", body: text, receivedAt: Date.now() })
      .returning({ id: deliveries.id })
      .get();
    c.executionCtx.waitUntil(processDelivery(db, stored.id, parsed).catch(() => {}));
    return c.json({ received: true, messages: parsed.messages.length, statuses: parsed.statuses });
  });

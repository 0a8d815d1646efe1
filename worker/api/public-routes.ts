/**
 * Declarations of the public routes served outside `worker/api/`: the click beacon
 * (ingest/clicks-route.ts), WhatsApp's webhook (inbound/whatsapp-route.ts) and the short link
 * (ingest/scan-route.ts). Those sub-apps are plain Hono (they read raw bytes and answer HTML),
 * so their declarations are registered for the document only (index.ts); the test that compares
 * the document with `app.routes` keeps the two equal.
 */
import { z } from "zod";
import { metaEnvelopeSchema } from "../adapters/meta-messaging/messaging";
import { BOT_ID, TELEGRAM_SECRET, updateSchema } from "../adapters/telegram/update";
import { envelopeSchema } from "../adapters/whatsapp/payload";
import type { IngestOutcome } from "../inbound/process-delivery";
import { clickBeaconSchema } from "../ingest/click-schema";
import { count, text } from "../read-model/json-fields";
import { apiRoute, jsonResponse } from "./api-route";
import { whatsAppProviderRoutes } from "./whatsapp-provider-routes";

/** The click beacon's answer (ingest/clicks-route.ts). */
export const clickResultSchema = z.strictObject({ ref: text, recorded: z.boolean() });

const OUTCOMES = ["processed", "stored"] as const satisfies readonly IngestOutcome[];
/** The webhook's answer (inbound/whatsapp-route.ts). */
export const webhookResultSchema = z.strictObject({
  received: z.literal(true),
  outcome: z.enum(OUTCOMES),
  messages: count,
  statuses: count,
});

/** What `POST /webhooks/telegram/{botId}` answers (an update has no statuses). */
export const telegramResultSchema = webhookResultSchema.omit({ statuses: true });

/**
 * The GET verify-token handshake and the signed POST deliveries of one of Meta's webhooks
 * (WhatsApp, Messenger, Instagram: the same handshake, the same `X-Hub-Signature-256`).
 */
function metaWebhookRoutes(o: {
  path: string;
  name: string;
  summary: string;
  secret: string;
  body: { description: string; schema: z.ZodType };
}) {
  return [
    apiRoute({
      method: "get",
      path: o.path,
      scope: "public",
      operationId: `verify${o.name}Webhook`,
      tags: ["webhooks"],
      summary: "Meta's verify-token handshake: echoes `hub.challenge`",
      request: {
        query: z.object({
          "hub.mode": z.literal("subscribe"),
          "hub.verify_token": z.string().describe("must equal WHATSAPP_VERIFY_TOKEN"),
          "hub.challenge": z.string().optional(),
        }),
      },
      responses: {
        200: {
          description: "The challenge, echoed",
          content: { "text/plain": { schema: z.string().max(256) } },
        },
      },
      errors: [403],
    }),
    apiRoute({
      method: "post",
      path: o.path,
      scope: "public",
      operationId: `receive${o.name}Webhook`,
      tags: ["webhooks"],
      summary: o.summary,
      request: {
        headers: z.object({
          "X-Hub-Signature-256": z
            .string()
            .regex(/^sha256=[0-9a-f]{64}$/)
            .describe(`\`sha256=\` + hex HMAC-SHA-256 of the raw body with ${o.secret}`),
        }),
        body: {
          required: true,
          description: o.body.description,
          content: { "application/json": { schema: o.body.schema } },
        },
      },
      responses: {
        200: jsonResponse(webhookResultSchema, "Stored (and processed, or queued for it)"),
      },
      errors: [401],
    }),
  ];
}

/** Messenger's (`object: "page"`) or Instagram's (`object: "instagram"`) messaging webhooks. */
const metaMessagingRoutes = (channel: "messenger" | "instagram", name: string, object: string) =>
  metaWebhookRoutes({
    path: `/webhooks/${channel}`,
    name,
    summary: `${name} messaging webhooks (\`object: "${object}"\`; \`referral.ref\` attributes the chat)`,
    secret: "META_APP_SECRET (else WHATSAPP_APP_SECRET)",
    body: {
      description: "Meta's webhook envelope (`entry[].messaging[]`)",
      schema: metaEnvelopeSchema,
    },
  });

/** The short-link code Hono matches in `GET /r/:code{[0-9a-z]{1,16}}`. */
export const SHORT_CODE_PATTERN = "[0-9a-z]{1,16}";

export const PUBLIC_ROUTES = [
  apiRoute({
    method: "post",
    path: "/v1/clicks",
    scope: "public",
    operationId: "recordClick",
    tags: ["ingest"],
    summary: "The widget's click beacon (CORS-simple `text/plain` JSON; allowed origins only)",
    request: {
      body: {
        required: true,
        description: "JSON text of the beacon (sent as text/plain so no preflight is needed)",
        content: { "text/plain": { schema: clickBeaconSchema } },
      },
    },
    responses: {
      201: jsonResponse(clickResultSchema, "Recorded"),
      200: jsonResponse(clickResultSchema, "Already recorded (same site and ref): nothing changed"),
    },
    errors: [403, 404, 429],
  }),
  ...metaWebhookRoutes({
    path: "/webhooks/whatsapp",
    name: "WhatsApp",
    summary: "WhatsApp Cloud API deliveries (stored, de-duplicated, answered at once)",
    secret: "WHATSAPP_APP_SECRET",
    body: {
      description: "Meta's webhook envelope (`entry[].changes[].value`)",
      schema: envelopeSchema,
    },
  }),
  apiRoute({
    method: "post",
    path: "/webhooks/telegram/{botId}",
    scope: "public",
    operationId: "receiveTelegramUpdate",
    tags: ["webhooks"],
    summary: "A connected Telegram bot's updates (`/start <ref>` attributes the chat)",
    request: {
      params: z.object({ botId: z.string().regex(BOT_ID).describe("the bot's numeric id") }),
      headers: z.object({
        "X-Telegram-Bot-Api-Secret-Token": z
          .string()
          .regex(TELEGRAM_SECRET)
          .describe("the connection's secret, as given to setWebhook"),
      }),
      body: {
        required: true,
        description: "One Telegram `Update`",
        content: { "application/json": { schema: updateSchema } },
      },
    },
    responses: {
      200: jsonResponse(telegramResultSchema, "Stored (and processed, or queued for it)"),
    },
    errors: [401, 404],
  }),
  ...metaMessagingRoutes("messenger", "Messenger", "page"),
  ...metaMessagingRoutes("instagram", "Instagram", "instagram"),
  ...whatsAppProviderRoutes(webhookResultSchema),
  apiRoute({
    method: "get",
    path: "/r/{code}",
    scope: "public",
    operationId: "openShortLink",
    tags: ["links"],
    summary: "A campaign link's short URL: records the scan and redirects to the chat",
    request: {
      params: z.object({
        code: z
          .string()
          .regex(new RegExp(`^${SHORT_CODE_PATTERN}$`))
          .describe("the link's short code"),
      }),
    },
    responses: {
      302: {
        description: "Redirect to `wa.me` with the prefilled message and a fresh ref",
        headers: { Location: { schema: { type: "string", format: "uri" } } },
      },
      404: {
        description: "Unknown or disabled code: a friendly page in the visitor's language",
        content: { "text/html": { schema: z.string() } },
      },
      429: {
        description: "Too many scans from this client: a page in the visitor's language",
        content: { "text/html": { schema: z.string() } },
      },
    },
  }),
];

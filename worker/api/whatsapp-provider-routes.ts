/**
 * Declarations of the WhatsApp provider webhooks (inbound/twilio-route.ts,
 * inbound/dialog360-route.ts) for the OpenAPI document; public-routes.ts lists them with the
 * other plain-Hono routes.
 */
import { z } from "zod";
import { DIALOG360_ACCOUNT, DIALOG360_SECRET } from "../adapters/dialog360/delivery";
import { envelopeSchema } from "../adapters/whatsapp/payload";
import { apiRoute, jsonResponse } from "./api-route";

/** The form fields chatref reads (Twilio posts more; every one is signed and kept). */
const twilioFormSchema = z.looseObject({
  MessageSid: z.string().max(34).describe("the message's SID (`SM…`): its de-duplication key"),
  From: z.string().max(64).describe("the sender, `whatsapp:+<E.164>`"),
  To: z.string().max(64).describe("the connected number, `whatsapp:+<E.164>`"),
  Body: z.string().max(8192).optional().describe("the text, where a ref is found"),
  ProfileName: z.string().max(256).optional(),
  NumMedia: z.string().max(4).optional(),
  ReferralCtwaClid: z.string().max(512).optional().describe("Click-to-WhatsApp ad click id"),
  ReferralSourceId: z.string().max(128).optional().describe("the ad's id"),
  ReferralSourceType: z.string().max(32).optional(),
  ReferralSourceUrl: z.string().max(2048).optional(),
  ReferralHeadline: z.string().max(1024).optional(),
  ReferralBody: z.string().max(4096).optional(),
});

/** The two routes; `resultSchema` is the Cloud API webhook's answer (public-routes.ts). */
export function whatsAppProviderRoutes(resultSchema: z.ZodType) {
  return [
    apiRoute({
      method: "post",
      path: "/webhooks/twilio",
      scope: "public",
      operationId: "receiveTwilioWhatsApp",
      tags: ["webhooks"],
      summary: "WhatsApp messages through Twilio (the number in `To` names the connection)",
      request: {
        headers: z.object({
          "X-Twilio-Signature": z
            .string()
            .max(256)
            .describe(
              "Base64 HMAC-SHA1, keyed with the connection's Auth Token, of the URL the request " +
                "was made to followed by every posted parameter's name and value, sorted by name",
            ),
        }),
        body: {
          required: true,
          description: "Twilio's inbound message parameters",
          content: { "application/x-www-form-urlencoded": { schema: twilioFormSchema } },
        },
      },
      responses: {
        200: {
          description: "Stored (and processed, or queued for it): an empty TwiML `<Response/>`",
          content: { "text/xml": { schema: z.string() } },
        },
      },
      errors: [400, 403, 404],
    }),
    apiRoute({
      method: "post",
      path: "/webhooks/360dialog/{account}",
      scope: "public",
      operationId: "receive360dialogWhatsApp",
      tags: ["webhooks"],
      summary:
        "WhatsApp deliveries through 360dialog (the Cloud API body, a per-connection secret)",
      request: {
        params: z.object({
          account: z
            .string()
            .regex(DIALOG360_ACCOUNT)
            .describe("the connection's account: its phone_number_id or number digits"),
        }),
        headers: z.object({
          "X-Chatref-Secret": z
            .string()
            .regex(DIALOG360_SECRET)
            .describe("the connection's secret, set as a custom header of 360dialog's webhook"),
        }),
        body: {
          required: true,
          description: "The Cloud API webhook envelope, as 360dialog forwards it",
          content: { "application/json": { schema: envelopeSchema } },
        },
      },
      responses: {
        200: jsonResponse(resultSchema, "Stored (and processed, or queued for it)"),
      },
      errors: [400, 401, 404],
    }),
  ];
}

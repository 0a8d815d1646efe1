/**
 * A sale event's request body (`POST /api/v1/leads/{id}/events` and its siblings) and the POST
 * routes' answer. Money: `value` in the currency's units (up to 6 decimals, kept exactly as
 * millionths), always with a `currency`; a refund is its own type with a positive value.
 */
import { z } from "zod";
import { SALE_EVENT_TYPES } from "../db/schema";
import { leadEventSchema } from "../read-model/lead-event-json";
import { PUBLIC_ID, userIdField, waIdField } from "./contact-json";

/** Largest value accepted: a trillion units, far above any order and exact in millionths. */
const VALUE_MAX = 1e12;
/** How far ahead of the Worker's clock `occurred_at` may be (the caller's clock skew). */
export const FUTURE_SKEW_MS = 5 * 60_000;

/** The event fields every way of addressing the lead shares. */
export const saleEventFields = {
  type: z.enum(SALE_EVENT_TYPES).describe("what happened: qualified, purchase, refund or lost"),
  value: z
    .number()
    .finite()
    .min(0)
    .max(VALUE_MAX)
    .optional()
    .describe("the amount in currency units (a refund's is positive); needs `currency`"),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "a three-letter ISO 4217 code, like USD")
    .transform((c) => c.toUpperCase())
    .optional()
    .describe("ISO 4217 code of `value`"),
  occurred_at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("when it happened (default: when received)"),
  external_id: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .optional()
    .describe(
      "your CRM's id of the deal or order: the same (lead, type, external_id) again changes nothing; repeat orders take their own ids (default: the type, so one of each)",
    ),
};

/** The checks across fields: a value needs its currency, and the reverse. */
export const moneyTogether = <T extends { value?: number; currency?: string }>(e: T) =>
  (e.value === undefined) === (e.currency === undefined);
export const MONEY_MESSAGE = "give value and currency together (or neither)";

/** `POST /api/v1/leads/{id}/events` and `/contacts/{id}/events`. */
export const saleEventBody = z
  .strictObject(saleEventFields)
  .refine(moneyTogether, { message: MONEY_MESSAGE, path: ["currency"] });
export type SaleEventBody = z.output<typeof saleEventBody>;

/** Answer of the POST routes: the event, and whether this request recorded it. */
export const leadEventResultSchema = z.strictObject({
  event: leadEventSchema,
  recorded: z
    .boolean()
    .describe("false: the same event was recorded before and is answered as it was"),
});

/** `POST /api/v1/events`: the event and exactly one way to find the lead. */
export const lookupBody = z
  .strictObject({
    ...saleEventFields,
    lead_id: z.string().min(1).max(64).optional().describe("the lead's id"),
    contact_id: z.string().regex(PUBLIC_ID).optional().describe("the contact's public id"),
    wa_id: waIdField.describe(
      "the contact's phone number, country code first (+1 555-000-4444 is fine)",
    ),
    user_id: userIdField.describe("the contact's WhatsApp business-scoped user id (BSUID)"),
  })
  .refine(moneyTogether, { message: MONEY_MESSAGE, path: ["currency"] })
  .refine(
    (b) =>
      [b.lead_id, b.contact_id, b.wa_id, b.user_id].filter((v) => v !== undefined).length === 1,
    { message: "give exactly one of lead_id, contact_id, wa_id and user_id", path: ["lead_id"] },
  );
export type LookupEventBody = z.output<typeof lookupBody>;

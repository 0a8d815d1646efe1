/** The lead JSON of the API (and, later, of outbound webhooks): one query shape, one serializer. */
import { eq, getTableColumns } from "drizzle-orm";
import { z } from "zod";
import { TOUCH_FIELDS } from "../../widget/protocol/click-beacon";
import type { Db } from "../db/client";
import { ATTRIBUTIONS, clicks, contacts, leads } from "../db/schema";
import { columnsToTouch } from "../db/touch-columns";
import { isoInstant, nullableText, text } from "./json-fields";

/** Selects everything a lead JSON needs; add where/order/limit. */
export function selectLeadRows(db: Db) {
  return db
    .select({
      lead: getTableColumns(leads),
      contact: {
        publicId: contacts.publicId,
        waId: contacts.waId,
        userId: contacts.userId,
        username: contacts.username,
        name: contacts.name,
      },
      click: getTableColumns(clicks),
    })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .leftJoin(clicks, eq(clicks.id, leads.clickId));
}

export type LeadRow = Awaited<ReturnType<ReturnType<typeof selectLeadRows>["all"]>>[number];

const LEAD_TOUCH_KEYS = [...TOUCH_FIELDS, "placement", "link_id"] as const;

/** The lead JSON: the API's and, as `data`, outbound webhooks'. */
export const leadSchema = z.strictObject({
  id: text,
  created_at: isoInstant,
  contact: z.strictObject({
    id: nullableText.describe("public contact id, for GET /api/v1/contacts/{id}"),
    wa_id: nullableText.describe("phone digits; null when withheld (a WhatsApp username user)"),
    user_id: nullableText.describe("WhatsApp business-scoped user id (BSUID)"),
    username: nullableText.describe("WhatsApp username"),
    name: nullableText,
  }),
  ref: nullableText.describe("the matched ref code (first touch)"),
  attribution: z.enum(ATTRIBUTIONS),
  first_message_at: isoInstant,
  touch: z
    .strictObject(
      Object.fromEntries(LEAD_TOUCH_KEYS.map((k) => [k, nullableText])) as Record<
        (typeof LEAD_TOUCH_KEYS)[number],
        typeof nullableText
      >,
    )
    .describe("the visit's touch, where the chat was opened (`placement`) and the link scanned"),
  ctwa: z
    .strictObject({
      ctwa_clid: nullableText,
      source_id: nullableText,
      source_url: nullableText,
      source_type: nullableText,
      headline: nullableText,
    })
    .optional()
    .describe("Click-to-WhatsApp referral (attribution `ctwa`)"),
});
export type LeadJson = z.output<typeof leadSchema>;

const iso = (ms: number) => new Date(ms).toISOString();

export function toLeadJson({ lead, contact, click }: LeadRow): LeadJson {
  const json: LeadJson = {
    id: lead.id,
    created_at: iso(lead.createdAt),
    contact: {
      id: contact.publicId,
      wa_id: contact.waId,
      user_id: contact.userId,
      username: contact.username,
      name: contact.name,
    },
    ref: click?.ref ?? null,
    attribution: lead.attribution,
    first_message_at: iso(lead.firstMessageAt),
    touch: {
      ...columnsToTouch(click),
      placement: click?.placement ?? null,
      link_id: click?.linkId ?? null,
    },
  };
  const ctwa = {
    ctwa_clid: lead.ctwaClid,
    source_id: lead.ctwaSourceId,
    source_url: lead.ctwaSourceUrl,
    source_type: lead.ctwaSourceType,
    headline: lead.ctwaHeadline,
  };
  if (Object.values(ctwa).some((v) => v !== null)) json.ctwa = ctwa;
  return json;
}

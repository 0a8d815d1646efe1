/**
 * The lead JSON, a read model below both the API (api/leads-route.ts) and forwarding
 * (forward/webhook.ts: the `data` of outbound webhooks): one query shape, one serializer.
 */
import { eq, getTableColumns } from "drizzle-orm";
import type { Db } from "../db/client";
import { clicks, contacts, leads } from "../db/schema";
import { columnsToTouch } from "../db/touch-columns";
import type { LeadJson } from "./lead-schema";

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
    channel: lead.chatApp,
    provider: lead.provider,
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

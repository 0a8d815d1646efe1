/** The lead JSON of the API (and, later, of outbound webhooks): one query shape, one serializer. */
import { eq, getTableColumns } from "drizzle-orm";
import type { TouchField } from "../../widget/protocol/click-beacon";
import type { Db } from "../db/client";
import { clicks, contacts, leads } from "../db/schema";
import { columnsToTouch } from "../db/touch-columns";

/** Selects everything a lead JSON needs; add where/order/limit. */
export function selectLeadRows(db: Db) {
  return db
    .select({
      lead: getTableColumns(leads),
      contact: { publicId: contacts.publicId, waId: contacts.waId, name: contacts.name },
      click: getTableColumns(clicks),
    })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .leftJoin(clicks, eq(clicks.id, leads.clickId));
}

export type LeadRow = Awaited<ReturnType<ReturnType<typeof selectLeadRows>["all"]>>[number];

export interface LeadJson {
  id: string;
  created_at: string;
  /** `id` is the contact's public id, for `GET /api/v1/contacts/:id`. */
  contact: { id: string | null; wa_id: string; name: string | null };
  ref: string | null;
  attribution: "ref" | "ctwa" | "none";
  first_message_at: string;
  /** The visit's touch, plus where the chat was opened (`placement`) and the campaign link scanned. */
  touch: Record<TouchField | "placement" | "link_id", string | null>;
  ctwa?: {
    ctwa_clid: string | null;
    source_id: string | null;
    source_url: string | null;
    source_type: string | null;
    headline: string | null;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function toLeadJson({ lead, contact, click }: LeadRow): LeadJson {
  const json: LeadJson = {
    id: lead.id,
    created_at: iso(lead.createdAt),
    contact: { id: contact.publicId, wa_id: contact.waId, name: contact.name },
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

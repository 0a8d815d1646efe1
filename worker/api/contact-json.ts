/** The contact JSON of the API: marketing status, messaging windows and the consent history. */
import { and, asc, desc, eq } from "drizzle-orm";
import {
  FREE_ENTRY_WINDOW_MS,
  SERVICE_WINDOW_MS,
  type WindowJson,
  windowAt,
} from "../consent/windows";
import type { Db } from "../db/client";
import { consentEvents, consentTexts, contacts, leads, touches } from "../db/schema";

/** Public contact ids: `ct_` + 16 lowercase hex (contacts.public_id). */
export const PUBLIC_ID = /^ct_[0-9a-f]{16}$/;

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

/** One consent event with its evidence. */
export interface ConsentEventJson {
  status: "opted_in" | "opted_out";
  source: "widget" | "keyword" | "button" | "user_preferences";
  occurred_at: string;
  recorded_at: string;
  /** Widget: the opt-in text's version id and its exact words. */
  text_version: string | null;
  text: string | null;
  /** Keyword or button payload matched (normalised), or Meta's detail. */
  evidence: string | null;
  page_url: string | null;
  ref: string | null;
  message_id: string | null;
}

/** Reads a contact of `siteId` by public id with everything its JSON shows; null when absent. */
export async function readContact(db: Db, siteId: string, publicId: string, now = Date.now()) {
  const contact = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.siteId, siteId), eq(contacts.publicId, publicId)))
    .get();
  if (!contact) return null;
  const [lead, ctwa, events] = await db.batch([
    db
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.siteId, siteId), eq(leads.contactId, contact.id))),
    db
      .select({ at: touches.occurredAt })
      .from(touches)
      .innerJoin(leads, eq(leads.id, touches.leadId))
      .where(and(eq(leads.contactId, contact.id), eq(touches.kind, "ctwa")))
      .orderBy(desc(touches.occurredAt))
      .limit(1),
    db
      .select({ event: consentEvents, text: consentTexts.text })
      .from(consentEvents)
      .leftJoin(
        consentTexts,
        and(
          eq(consentTexts.siteId, consentEvents.siteId),
          eq(consentTexts.version, consentEvents.textVersion),
        ),
      )
      .where(eq(consentEvents.contactId, contact.id))
      .orderBy(asc(consentEvents.occurredAt), asc(consentEvents.id))
      .limit(1000),
  ]);
  const erased = contact.erasedAt !== null;
  const windows: { customer_service: WindowJson; free_entry: WindowJson } = {
    customer_service: windowAt(contact.lastInboundAt, SERVICE_WINDOW_MS, now),
    free_entry: windowAt(ctwa[0]?.at, FREE_ENTRY_WINDOW_MS, now),
  };
  return {
    id: publicId,
    wa_id: erased ? null : contact.waId,
    name: contact.name,
    lead_id: lead[0]?.id ?? null,
    first_seen_at: iso(contact.firstSeenAt),
    last_inbound_at: iso(contact.lastInboundAt),
    erased_at: iso(contact.erasedAt),
    marketing: {
      status: contact.marketingStatus ?? "unknown",
      since: iso(contact.marketingStatusAt),
    },
    windows,
    consents: events.map(
      ({ event: e, text }): ConsentEventJson => ({
        status: e.status,
        source: e.source,
        occurred_at: new Date(e.occurredAt).toISOString(),
        recorded_at: new Date(e.recordedAt).toISOString(),
        text_version: e.textVersion,
        text,
        evidence: e.evidence,
        page_url: e.pageUrl,
        ref: e.ref,
        message_id: e.messageId,
      }),
    ),
  };
}

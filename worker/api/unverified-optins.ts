/**
 * The read model of unverified opt-ins: widget opt-ins whose text is not registered for the site
 * (consent_events.verified = 0). They change no status; they are listed so the site's owner can
 * see which words their pages show and register them (POST /api/v1/sites/:id/consent-texts),
 * which verifies them. Newest first, in keyset pages like the other lists.
 */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { consentEvents, consentTexts, contacts } from "../db/schema";
import { afterCursor, newestFirst, toPage } from "./cursor";

/** One unverified opt-in. */
export const unverifiedOptinSchema = z.strictObject({
  contact_id: z.string(),
  wa_id: z.string().nullable(),
  occurred_at: z.string(),
  text_version: z.string().nullable(),
  text: z.string().nullable(),
  lang: z.string().nullable(),
  page_url: z.string().nullable(),
  ref: z.string().nullable(),
});
export type UnverifiedOptin = z.output<typeof unverifiedOptinSchema>;

export const unverifiedOptinListSchema = z.strictObject({
  data: z.array(unverifiedOptinSchema),
  next_cursor: z.string().nullable(),
});

/** The CSV columns, in order. */
export const UNVERIFIED_CSV_HEADER = Object.keys(unverifiedOptinSchema.shape) as Array<
  keyof UnverifiedOptin
>;

// Keyset on the event: its time, then its row id (as text, as the cursor carries it).
const order = { createdAt: consentEvents.occurredAt, id: consentEvents.id };

/** One page of a site's unverified opt-ins, newest first, after `cursor`. */
export async function readUnverifiedOptins(
  db: Db,
  siteId: string,
  cursor: string | undefined,
  limit: number,
): Promise<{ data: UnverifiedOptin[]; next_cursor: string | null }> {
  const rows = await db
    .select({
      key: consentEvents.id,
      contactId: contacts.publicId,
      // An erased contact keeps its events, without the number.
      waId: sql<string | null>`case when ${contacts.erasedAt} is null then ${contacts.waId} end`,
      occurredAt: consentEvents.occurredAt,
      textVersion: consentEvents.textVersion,
      text: consentTexts.text,
      lang: consentTexts.lang,
      pageUrl: consentEvents.pageUrl,
      ref: consentEvents.ref,
    })
    .from(consentEvents)
    .innerJoin(contacts, eq(contacts.id, consentEvents.contactId))
    .leftJoin(
      consentTexts,
      and(
        eq(consentTexts.siteId, consentEvents.siteId),
        eq(consentTexts.version, consentEvents.textVersion),
      ),
    )
    .where(
      and(
        eq(consentEvents.siteId, siteId),
        eq(consentEvents.verified, false),
        afterCursor(order, cursor),
      ),
    )
    .orderBy(...newestFirst(order))
    .limit(limit + 1)
    .all();
  const { page, next_cursor } = toPage(rows, limit, (r) => ({
    createdAt: r.occurredAt,
    id: String(r.key),
  }));
  return {
    data: page.map((r) => ({
      contact_id: r.contactId ?? "",
      wa_id: r.waId,
      occurred_at: new Date(r.occurredAt).toISOString(),
      text_version: r.textVersion,
      text: r.text,
      lang: r.lang,
      page_url: r.pageUrl,
      ref: r.ref,
    })),
    next_cursor,
  };
}

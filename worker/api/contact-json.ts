/** The contact JSON of the API: marketing status, messaging windows and the consent history. */
import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { BSUID } from "../adapters/whatsapp/sender";
import {
  FREE_ENTRY_WINDOW_MS,
  SERVICE_WINDOW_MS,
  type WindowJson,
  windowAt,
} from "../consent/windows";
import type { Db } from "../db/client";
import {
  CONSENT_SOURCES,
  CONSENT_STATUSES,
  consentEvents,
  consentTexts,
  contactIdentities,
  contacts,
  type IdentityKind,
  leads,
  touches,
} from "../db/schema";
import { phoneField } from "../http/phone-field";
import { isoInstant, nullableText, text } from "../read-model/json-fields";

/** Public contact ids: `ct_` + 16 lowercase hex (contacts.public_id). */
export const PUBLIC_ID = /^ct_[0-9a-f]{16}$/;
/** A contact named by phone, as people write it (`+1 (555) 000-4444`), country code first. */
export const waIdField = phoneField({ min: 5, max: 20, countryCode: false }).optional();
/** A contact named by its WhatsApp business-scoped user id (BSUID). */
export const userIdField = z.string().regex(BSUID).optional();

/** Other chat apps' sender ids: shown in their own fields, never as aliases. */
const APP_USER_KINDS = new Set<string>(["tg_user", "fb_psid", "ig_sid"]);

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

const windowSchema = z.strictObject({
  open: z.boolean(),
  opened_at: isoInstant.nullable(),
  expires_at: isoInstant.nullable(),
}) satisfies z.ZodType<WindowJson>;

/** One consent event with its evidence. */
export const consentEventSchema = z.strictObject({
  status: z.enum(CONSENT_STATUSES),
  source: z.enum(CONSENT_SOURCES),
  occurred_at: isoInstant,
  recorded_at: isoInstant,
  text_version: nullableText.describe("widget: the opt-in text's version id"),
  text: nullableText.describe("widget: the opt-in text's exact words"),
  evidence: nullableText.describe(
    "keyword or button payload matched (normalised), or Meta's detail",
  ),
  page_url: nullableText,
  ref: nullableText,
  message_id: nullableText,
  verified: z
    .boolean()
    .describe(
      "false: a widget opt-in whose text is not registered for the site; kept as evidence, it changes no status until the text is registered",
    ),
});
export type ConsentEventJson = z.output<typeof consentEventSchema>;

/** `GET /api/v1/contacts/{id}`: identifiers, marketing status, windows, consent history. */
export const contactSchema = z.strictObject({
  id: text,
  wa_id: nullableText,
  user_id: nullableText,
  parent_user_id: nullableText,
  username: nullableText,
  telegram_id: nullableText.describe("Telegram user id, for a contact who wrote to a bot"),
  messenger_id: nullableText.describe(
    "Messenger page-scoped id (PSID), for a contact who wrote to a Page",
  ),
  instagram_id: nullableText.describe(
    "Instagram-scoped id (IGSID), for a contact who wrote to an account",
  ),
  aliases: z
    .array(z.strictObject({ kind: text, value: text }))
    .describe("earlier identifiers that still find the contact (a BSUID before a change)"),
  name: nullableText,
  lead_id: nullableText,
  first_seen_at: isoInstant.nullable(),
  last_inbound_at: isoInstant.nullable(),
  erased_at: isoInstant.nullable(),
  marketing: z.strictObject({
    status: text.describe(`${CONSENT_STATUSES.join(", ")} or unknown`),
    since: isoInstant.nullable(),
  }),
  windows: z
    .strictObject({ customer_service: windowSchema, free_entry: windowSchema })
    .nullable()
    .describe(
      "The 24 h customer-service window (WhatsApp's; Messenger's and Instagram's standard " +
        "messaging window too) and WhatsApp's 72 h free entry point window (a WhatsApp ad rule, " +
        "never open for Messenger or Instagram); null for a Telegram contact (a bot may write any time)",
    ),
  consents: z.array(consentEventSchema),
});
export type ContactJson = z.output<typeof contactSchema>;

/** The public id of the contact of `siteId` an identifier (current or an alias) names, if any. */
export async function findContactId(
  db: Db,
  siteId: string,
  kind: IdentityKind,
  value: string,
): Promise<string | null> {
  const row = await db
    .select({ publicId: contacts.publicId })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(
      and(
        eq(contactIdentities.siteId, siteId),
        eq(contactIdentities.kind, kind),
        eq(contactIdentities.value, value),
      ),
    )
    .get();
  return row?.publicId ?? null;
}

/** Reads a contact of `siteId` by public id with everything its JSON shows; null when absent. */
export async function readContact(
  db: Db,
  siteId: string,
  publicId: string,
  now = Date.now(),
): Promise<ContactJson | null> {
  const contact = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.siteId, siteId), eq(contacts.publicId, publicId)))
    .get();
  if (!contact) return null;
  const [lead, ctwa, events, identities] = await db.batch([
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
    db
      .select({ kind: contactIdentities.kind, value: contactIdentities.value })
      .from(contactIdentities)
      .where(eq(contactIdentities.contactId, contact.id))
      .orderBy(asc(contactIdentities.createdAt))
      .limit(100),
  ]);
  const erased = contact.erasedAt !== null;
  const telegramId = identities.find((i) => i.kind === "tg_user")?.value ?? null;
  const messengerId = identities.find((i) => i.kind === "fb_psid")?.value ?? null;
  const instagramId = identities.find((i) => i.kind === "ig_sid")?.value ?? null;
  const onWhatsApp = Boolean(contact.waId || contact.userId);
  const windows: { customer_service: WindowJson; free_entry: WindowJson } | null =
    telegramId && !onWhatsApp && !messengerId && !instagramId
      ? null
      : {
          customer_service: windowAt(contact.lastInboundAt, SERVICE_WINDOW_MS, now),
          // A Messenger or Instagram ad referral opens no free entry point: a WhatsApp rule.
          free_entry: windowAt(onWhatsApp ? ctwa[0]?.at : null, FREE_ENTRY_WINDOW_MS, now),
        };
  return {
    id: publicId,
    wa_id: erased ? null : contact.waId,
    user_id: erased ? null : contact.userId,
    parent_user_id: erased ? null : contact.parentUserId,
    username: erased ? null : contact.username,
    telegram_id: erased ? null : telegramId,
    messenger_id: erased ? null : messengerId,
    instagram_id: erased ? null : instagramId,
    // Earlier identifiers that still find this contact (a BSUID before a change).
    aliases: identities
      .filter(
        (i) =>
          !APP_USER_KINDS.has(i.kind) && i.value !== contact.userId && i.value !== contact.waId,
      )
      .map((i) => ({ kind: i.kind, value: i.value })),
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
        verified: e.verified,
      }),
    ),
  };
}

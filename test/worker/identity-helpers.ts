/**
 * WhatsApp payloads for the identity tests, shaped like Meta's BSUID examples
 * (test/fixtures/whatsapp-text-message-bsuid.json): a person is any mix of phone, BSUID,
 * parent BSUID and username; the keys of what is withheld are omitted, not empty.
 */
import { eq } from "drizzle-orm";
import { contactIdentities, contacts, leads } from "../../worker/db/schema";
import { call, click, db, newPhone, type TestSite, webhookRequest } from "./helpers";

export interface Person {
  phone?: string;
  userId?: string;
  parentUserId?: string;
  username?: string;
  name?: string;
}

let n = 0;
/** A fresh BSUID (`US.` + 20 digits). */
export const newUserId = () => `US.${Date.now()}${String(n++).padStart(7, "0")}`;

export interface MessageOptions {
  body?: string;
  id?: string;
  /** Unix seconds. */
  timestamp?: number;
  /** Extra fields of the message object (type, button, system …). */
  extra?: Record<string, unknown>;
  /** The envelope's `entry[].id`, to vary the bytes of otherwise identical deliveries. */
  entryId?: string;
}

/** The `contacts[]` entry Meta sends for this person. */
export const contactEntry = (p: Person) => ({
  profile: { name: p.name ?? "Sheena Nelson", ...(p.username ? { username: p.username } : {}) },
  ...(p.phone ? { wa_id: p.phone } : {}),
  ...(p.userId ? { user_id: p.userId } : {}),
  ...(p.parentUserId ? { parent_user_id: p.parentUserId } : {}),
});

/** One change of a `messages` webhook for the site's number. */
export function envelopeOf(
  site: TestSite,
  value: Record<string, unknown>,
  entryId = "102290129340398",
) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: entryId,
        changes: [
          {
            field: value.user_preferences
              ? "user_preferences"
              : value.user_id_update
                ? "user_id_update"
                : "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: "15550001111",
                phone_number_id: site.phoneNumberId,
              },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** A text message from `p` as Meta sends it. */
export function messageFrom(site: TestSite, p: Person, o: MessageOptions = {}) {
  return envelopeOf(
    site,
    {
      contacts: [contactEntry(p)],
      messages: [
        {
          ...(p.phone ? { from: p.phone } : {}),
          ...(p.userId ? { from_user_id: p.userId } : {}),
          ...(p.parentUserId ? { from_parent_user_id: p.parentUserId } : {}),
          id: o.id ?? `wamid.${Math.random().toString(36).slice(2)}${n++}`,
          timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)),
          type: "text",
          text: { body: o.body ?? "Hello" },
          ...o.extra,
        },
      ],
    },
    o.entryId,
  );
}

/** A `system` message (an identity change) from `p`, ids as before the change. */
export function systemMessage(site: TestSite, p: Person, system: Record<string, unknown>) {
  return envelopeOf(site, {
    messages: [
      {
        ...(p.phone ? { from: p.phone } : {}),
        ...(p.userId ? { from_user_id: p.userId } : {}),
        id: `wamid.sys${Math.random().toString(36).slice(2)}${n++}`,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: "system",
        system,
      },
    ],
  });
}

/** Posts a signed webhook with this body and waits for its processing (merges included). */
export async function post(body: object): Promise<Response> {
  const res = await call(await webhookRequest(JSON.stringify(body)));
  if (res.status !== 200) throw new Error(`webhook ${res.status}: ${await res.text()}`);
  return res;
}

/** Sends a text message from `p`. */
export const say = (site: TestSite, p: Person, o: MessageOptions = {}) =>
  post(messageFrom(site, p, o));

/** The site's contacts and leads, and every identity row. */
export async function peopleOf(site: TestSite) {
  const cs = await db().select().from(contacts).where(eq(contacts.siteId, site.id)).all();
  const ls = await db().select().from(leads).where(eq(leads.siteId, site.id)).all();
  const ids = await db()
    .select()
    .from(contactIdentities)
    .where(eq(contactIdentities.siteId, site.id))
    .all();
  return { contacts: cs, leads: ls, identities: ids };
}

/**
 * One person seen twice before anything linked them: by phone (a Google click's ref, an hour
 * ago) and by BSUID with a username (a newsletter click's ref, a minute later).
 */
export async function onePersonTwoContacts(site: TestSite) {
  const phone = newPhone();
  const userId = newUserId();
  const refA = await click(site, { utm_source: "google", utm_medium: "cpc" });
  const refB = await click(site, { utm_source: "newsletter", utm_medium: "email" });
  const t0 = Math.floor(Date.now() / 1000) - 3600;
  await say(site, { phone }, { timestamp: t0, body: `Hi (Ref: ${refA})` });
  await say(site, { userId, username: "u" }, { timestamp: t0 + 60, body: `Hi (Ref: ${refB})` });
  return { phone, userId, t0 };
}

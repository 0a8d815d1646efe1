/** Helpers for the consent tests: preference webhooks, button messages, contact look-ups. */
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { optinVersion } from "../../widget/protocol/optin-version";
import { consentEvents, contacts } from "../../worker/db/schema";
import { message } from "../support/whatsapp-envelope";
import { call, clickRequest, db, deliver, type TestSite, webhookRequest } from "./helpers";

/** Seconds since the epoch, as WhatsApp timestamps count. */
export const sec = (ms: number) => Math.floor(ms / 1000);

/** A click (with `touch`) whose opt-in box with `text` was ticked; the click request, sent. */
export async function tickedClick(
  site: TestSite,
  text: string,
  touch: Record<string, string> = {},
) {
  const optin = { state: "granted", v: optinVersion(text), text };
  const click = clickRequest(site, touch, undefined, { optin });
  expect((await call(click.request)).status).toBe(201);
  return click;
}

/** A ticked-box click with `text`, then the phone's first message carrying its ref. */
export async function optInThroughWidget(site: TestSite, phone: string, text: string, at?: number) {
  const { ref } = await tickedClick(site, text);
  await deliver(site, message({ from: phone, body: `Hi (Ref: ${ref})`, timestamp: at }));
}

/** The admin token of the test Worker (vitest.config.ts). */
export const ADMIN_TOKEN = "test-admin-token";

/** A signed `user_preferences` webhook (shape of test/fixtures/whatsapp-user-preferences.json). */
export async function deliverPreference(
  site: TestSite,
  waId: string,
  value: "stop" | "resume",
  timestamp: number,
) {
  const body = {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "user_preferences",
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: "15550001111",
                phone_number_id: site.phoneNumberId,
              },
              contacts: [{ wa_id: waId }],
              user_preferences: [
                {
                  wa_id: waId,
                  detail: `User requested to ${value} marketing messages`,
                  category: "marketing_messages",
                  value,
                  timestamp,
                },
              ],
            },
          },
        ],
      },
    ],
  };
  return call(await webhookRequest(JSON.stringify(body)));
}

/** A template quick-reply button message (test/fixtures/whatsapp-template-button-reply.json). */
export function buttonExtra(payload: string, text = payload) {
  return { type: "button", extra: { button: { payload, text }, context: { id: "wamid.ctx" } } };
}

/**
 * An interactive reply message (test/fixtures/whatsapp-interactive-button-reply.json): the tap on
 * a reply button (`button_reply`) or a list row (`list_reply`) with the id the business set.
 */
export function interactiveExtra(
  id: string,
  title: string,
  kind: "button_reply" | "list_reply" = "button_reply",
) {
  return {
    type: "interactive",
    extra: { interactive: { type: kind, [kind]: { id, title } }, context: { id: "wamid.ctx" } },
  };
}

/** The contact row of a phone on a site. */
export function contactOf(site: TestSite, waId: string) {
  return db()
    .select()
    .from(contacts)
    .where(and(eq(contacts.siteId, site.id), eq(contacts.waId, waId)))
    .get();
}

/** Every consent event of a contact, oldest first. */
export function eventsOf(contactId: number) {
  return db()
    .select()
    .from(consentEvents)
    .where(eq(consentEvents.contactId, contactId))
    .orderBy(consentEvents.occurredAt, consentEvents.id)
    .all();
}

/** Registers an opt-in text for a site through the admin API (`POST /sites/:id/consent-texts`). */
export function registerText(site: TestSite, text: string, lang = "en", token = ADMIN_TOKEN) {
  return call(
    new Request(`https://chatref.test/api/v1/sites/${site.id}/consent-texts`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ text, lang }),
    }),
  );
}

/** Every (table.column) whose text contains any of `needles`, over every table. */
export async function findEverywhere(...needles: string[]): Promise<string[]> {
  const tables = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name != 'd1_migrations'",
  ).all<{ name: string }>();
  const hits: string[] = [];
  for (const { name } of tables.results) {
    const cols = await env.DB.prepare("select name from pragma_table_info(?)")
      .bind(name)
      .all<{ name: string }>();
    for (const col of cols.results) {
      const any = needles
        .map((_, i) => `instr(cast("${col.name}" as text), ?${i + 1}) > 0`)
        .join(" or ");
      const found = await env.DB.prepare(`select count(*) as n from "${name}" where ${any}`)
        .bind(...needles)
        .first<{ n: number }>();
      if (found && found.n > 0) hits.push(`${name}.${col.name}`);
    }
  }
  return hits;
}

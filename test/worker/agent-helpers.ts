/**
 * Helpers for the agents tests (a ref bound to the number it opened): clicks opened to a number,
 * a site's further Cloud API number, and deliveries naming the receiving number.
 */
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { clicks } from "../../worker/db/schema";
import { envelope, message } from "../support/whatsapp-envelope";
import { admin } from "./admin-helpers";
import { apiOk, call, clickRequest, db, newPhone, type TestSite, webhookRequest } from "./helpers";

/** The site's own number in the test envelope (`display_phone_number`) and createSite. */
export const OWN_NUMBER = "15550001111";

/** A Cloud API number of a site: its phone_number_id and the digits it displays. */
export interface TestNumber {
  phoneNumberId: string;
  number: string;
}

/** The site's own Cloud API number. */
export const ownNumber = (site: TestSite): TestNumber => ({
  phoneNumberId: site.phoneNumberId,
  number: OWN_NUMBER,
});

/**
 * Connects another Cloud API number (an agent's) to the site through the admin API: `number`, or
 * a new one.
 */
export async function connectCloudNumber(site: TestSite, number = newPhone()): Promise<TestNumber> {
  const phoneNumberId = String(200_000_000_000_000 + Math.floor(Math.random() * 1e12));
  const res = await admin("POST", `/api/v1/sites/${site.id}/connections`, {
    channel: "whatsapp",
    provider: "whatsapp",
    phone_number_id: phoneNumberId,
    number: `+${number}`,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  expect(await res.json()).toMatchObject({
    provider: "whatsapp",
    account_id: phoneNumberId,
    username: number,
    webhook_path: "/webhooks/whatsapp",
  });
  return { phoneNumberId, number };
}

/** Records a click opened to `number` (with `agent`), or an older widget's (neither); its ref. */
export async function clickTo(
  site: TestSite,
  number?: string,
  agent?: string,
  extra: object = {},
): Promise<string> {
  const { ref, request } = clickRequest(
    site,
    { utm_source: "google", utm_medium: "cpc" },
    undefined,
    { ...(number ? { number } : {}), ...(agent ? { agent } : {}), ...extra },
  );
  const res = await call(request);
  expect(res.status, await res.clone().text()).toBe(201);
  return ref;
}

/** A first message from a new phone with `body`, received on `to`; returns the phone. */
export async function writeTo(to: TestNumber, body: string, id?: string, delay = 0) {
  const phone = newPhone();
  await deliverTo(
    to,
    message({ from: phone, body, id, timestamp: Math.floor(Date.now() / 1000) + delay }),
  );
  return phone;
}

/** Delivers messages through a signed Cloud API webhook naming `to` as the receiving number. */
export async function deliverTo(to: TestNumber, ...msgs: ReturnType<typeof message>[]) {
  const body = envelope(to.phoneNumberId, msgs, [], {}, to.number);
  const res = await call(await webhookRequest(JSON.stringify(body)));
  expect(res.status).toBe(200);
}

/** A lead as the agents tests read it. */
export interface AgentLead {
  id: string;
  ref: string | null;
  attribution: string;
  touch: Record<string, string | null>;
  contact: { wa_id: string };
  inference?: { click_ref: string };
}

/** The lead of `phone` on the site (API). */
export async function leadOf(site: TestSite, phone: string): Promise<AgentLead> {
  const body = await apiOk<{ data: AgentLead[] }>(site, "/api/v1/leads?limit=200");
  const lead = body.data.find((l) => l.contact.wa_id === phone);
  if (!lead) throw new Error(`no lead for ${phone}`);
  return lead;
}

/** The stored click of a ref. */
export const clickRow = (site: TestSite, ref: string) =>
  db()
    .select()
    .from(clicks)
    .where(and(eq(clicks.siteId, site.id), eq(clicks.ref, ref)))
    .get();

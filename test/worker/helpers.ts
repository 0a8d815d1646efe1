/** Helpers for worker tests: sites and keys, signed webhook requests, and calling the Worker. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { mintRef } from "../../widget/protocol/ref-codec";
import { signMetaBody } from "../../worker/adapters/whatsapp/signature";
import { hashApiKey } from "../../worker/api/api-key-auth";
import { getDb } from "../../worker/db/client";
import { apiKeys, deliveries, leads, sites } from "../../worker/db/schema";
import worker from "../../worker/index";
import { envelope, type message } from "../support/whatsapp-envelope";

export const APP_SECRET = "test-app-secret";
export const db = () => getDb(env.DB);

/** The stored raw deliveries of one provider account (`deliveries.provider`, e.g. `twilio:<to>`). */
export const storedDeliveries = (provider: string) =>
  db().select().from(deliveries).where(eq(deliveries.provider, provider)).all();

/** The lead rows of a site, oldest first. */
export const leadRowsOf = (siteId: string) =>
  db().select().from(leads).where(eq(leads.siteId, siteId)).orderBy(leads.createdAt).all();

let counter = 0;
const unique = () =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export interface TestSite {
  id: string;
  key: string;
  phoneNumberId: string;
  waNumber: string;
  apiKey: string;
  origin: string;
}

/** Creates a site with its own number, origin and API key. */
export async function createSite(): Promise<TestSite> {
  const u = unique();
  const s: TestSite = {
    id: `site_${u}`,
    key: `k${u}`,
    phoneNumberId: `1${String(counter).padStart(4, "0")}${Math.floor(Math.random() * 1e9)}`,
    waNumber: "15550001111",
    apiKey: `key-${u}`,
    origin: `https://${u}.shop.test`,
  };
  await db()
    .insert(sites)
    .values({
      id: s.id,
      key: s.key,
      name: `Shop ${u}`,
      waNumber: s.waNumber,
      phoneNumberId: s.phoneNumberId,
      allowedOrigins: [s.origin],
      createdAt: Date.now(),
    })
    .run();
  await db()
    .insert(apiKeys)
    .values({
      id: `key_${u}`,
      siteId: s.id,
      name: "test",
      keyHash: await hashApiKey(s.apiKey),
      createdAt: Date.now(),
    })
    .run();
  return s;
}

/** Calls the Worker and waits for its `waitUntil` work (webhook processing) to finish. */
export async function call(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A click beacon for `site` with this touch, posted as text/plain from the site's origin. */
export function clickRequest(
  site: TestSite,
  touch: Record<string, string>,
  ref = mintRef(),
  extra: object = {},
) {
  const body = {
    site: site.key,
    ref,
    placement: "button",
    page_url: `${site.origin}/`,
    lang: "en",
    touch,
    ...extra,
  };
  return {
    ref,
    request: new Request("https://chatref.test/v1/clicks", {
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8", origin: site.origin },
      body: JSON.stringify(body),
    }),
  };
}

export { envelope, message, type TextMessage } from "../support/whatsapp-envelope";

/** A signed POST /webhooks/whatsapp of exactly these bytes. */
export async function webhookRequest(
  body: string,
  secret = APP_SECRET,
  signature?: string,
): Promise<Request> {
  return new Request("https://chatref.test/webhooks/whatsapp", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signature ?? (await signMetaBody(body, secret)),
    },
    body,
  });
}

/** Delivers messages to a site through a signed webhook and waits for processing. */
export async function deliver(
  site: TestSite,
  ...msgs: ReturnType<typeof message>[]
): Promise<Response> {
  return call(await webhookRequest(JSON.stringify(envelope(site.phoneNumberId, msgs))));
}

/** `POST /api/v1/links` of `body` with the site's key (or `key`); the answer as it is. */
export function postLink(site: TestSite, body: object, key = site.apiKey): Promise<Response> {
  return call(
    new Request("https://chatref.test/api/v1/links", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

/** GET an API path with the site's key. */
export function api(site: TestSite, path: string, key = site.apiKey): Promise<Response> {
  return call(
    new Request(`https://chatref.test${path}`, { headers: { authorization: `Bearer ${key}` } }),
  );
}

/** The site's leads as `GET /api/v1/leads` lists them (answered 200), typed as the caller reads them. */
export async function listLeads<T>(site: TestSite): Promise<T[]> {
  const res = await api(site, "/api/v1/leads");
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: T[] }).data;
}

/** The site's one lead: `GET /api/v1/leads` lists exactly one. */
export async function onlyLead<T>(site: TestSite): Promise<T> {
  const leads = await listLeads<T>(site);
  expect(leads).toHaveLength(1);
  return leads[0] as T;
}

/** GET an API path with the site's key, expecting a 200, and read its JSON body. */
export async function apiOk<T>(site: TestSite, path: string): Promise<T> {
  const res = await api(site, path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

/** Records a click with these UTM tags (and the beacon's other fields in `extra`); its ref. */
export async function click(
  site: TestSite,
  touch: Record<string, string>,
  extra: object = {},
): Promise<string> {
  const { ref, request } = clickRequest(site, touch, undefined, extra);
  const res = await call(request);
  if (res.status !== 201) throw new Error(`click failed: ${res.status} ${await res.text()}`);
  return ref;
}

export const newPhone = () => `1555${Math.floor(1e6 + Math.random() * 8e6)}`;

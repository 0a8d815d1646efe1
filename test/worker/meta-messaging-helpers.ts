/**
 * Helpers for the Messenger and Instagram tests: a connected Page / Instagram account, webhook
 * bodies as Meta sends them (`entry[].messaging[]`), signed deliveries.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { signMetaBody } from "../../worker/adapters/whatsapp/signature";
import worker from "../../worker/index";
import { createSite, listLeads, storedDeliveries, type TestSite } from "./helpers";
import { postConnection } from "./telegram-helpers";

export type MetaApp = "messenger" | "instagram";
/** The app secret the tests' Worker verifies Messenger / Instagram webhooks with. */
export const META_SECRET = "test-meta-app-secret";
export const OBJECT = { messenger: "page", instagram: "instagram" } as const;

let accounts = 0;
let people = 0;
let mids = 0;

/** Connects a new Page (Messenger) or Instagram account to `site`; its id. */
export async function connectAccount(site: TestSite, app: MetaApp): Promise<string> {
  const id = String(7_300_000_000 + Math.floor(Math.random() * 1e6) * 100 + (accounts++ % 100));
  const body =
    app === "messenger"
      ? { channel: "messenger", page_id: id, page_name: `shop.${id}` }
      : { channel: "instagram", account_id: id, username: `shop.${id}` };
  const res = await postConnection(site.id, body);
  expect(res.status).toBe(201);
  expect(await res.json()).toMatchObject({
    provider: app,
    account_id: id,
    webhook_path: `/webhooks/${app}`,
    secret_token: null,
  });
  return id;
}

/** A new sender id (PSID / IGSID: digits, as a JSON string). */
export const newSender = () =>
  String(24_000_000_000_000 + Math.floor(Math.random() * 1e12) + people++);

const base = (sender: string, account: string, at = Date.now()) => ({
  sender: { id: sender },
  recipient: { id: account },
  timestamp: at,
});

/** A person's text message. */
export function textItem(sender: string, account: string, text: string, extra = {}) {
  return { ...base(sender, account), message: { mid: `m_${++mids}_${sender}`, text, ...extra } };
}

/** Get Started from an `m.me/<page>?ref=<ref>` link (`messaging_postbacks`). */
export function postbackItem(sender: string, account: string, ref: string) {
  return {
    ...base(sender, account),
    postback: {
      mid: `m_pb_${++mids}`,
      title: "Get Started",
      payload: "GET_STARTED",
      referral: { ref, source: "SHORTLINK", type: "OPEN_THREAD" },
    },
  };
}

/** `messaging_referrals`: a link opened in an existing thread, or an ad (`ADS`, `ad_id`). */
export function referralItem(sender: string, account: string, referral: Record<string, unknown>) {
  return { ...base(sender, account), referral: { type: "OPEN_THREAD", ...referral } };
}

/** The webhook body of `app` holding these items for `account`. */
export function metaBody(app: MetaApp, account: string, ...items: unknown[]) {
  return { object: OBJECT[app], entry: [{ id: account, time: Date.now(), messaging: items }] };
}

/** A POST to the app's webhook, signed with `secret` unless `signature` is given. */
export async function metaRequest(
  app: MetaApp,
  body: unknown,
  secret = META_SECRET,
  signature?: string,
): Promise<Request> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const sig = signature ?? (await signMetaBody(text, secret));
  if (sig) headers["x-hub-signature-256"] = sig;
  return new Request(`https://chatref.test/webhooks/${app}`, {
    method: "POST",
    headers,
    body: text,
  });
}

/** Sends a request to the Worker with `bindings` over the test env; waits for its work. */
export async function callWith(request: Request, bindings: Record<string, unknown> = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...env, ...bindings } as typeof env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A new site with a new `app` account connected to it. */
export async function siteWithAccount(app: MetaApp) {
  const site = await createSite();
  return { site, account: await connectAccount(site, app) };
}

/** Delivers these items of `account` in one signed body and expects 200. */
export const sendItems = (app: MetaApp, account: string, ...items: unknown[]) =>
  sendMeta(app, metaBody(app, account, ...items));

/** Delivers a signed body and expects 200. */
export async function sendMeta(app: MetaApp, body: unknown): Promise<Response> {
  const res = await callWith(await metaRequest(app, body));
  expect(res.status).toBe(200);
  return res;
}

/** The stored raw bodies of an account (provider `<app>:<account id>`). */
export const storedOf = (app: MetaApp, account: string) => storedDeliveries(`${app}:${account}`);

export interface MetaLead {
  channel: string;
  provider: string;
  ref: string | null;
  attribution: string;
  contact: { id: string; wa_id: string | null };
  touch: Record<string, string | null>;
  ctwa?: { source_id: string | null; source_type: string | null; headline: string | null };
}

/** The site's leads through the API. */
export const leadsOf = (site: TestSite) => listLeads<MetaLead>(site);

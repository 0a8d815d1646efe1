/**
 * Shared set-up of the Google Ads (Data Manager API) tests: a service-account key pair made in
 * the test with WebCrypto (PKCS#8 PEM, as Google's key files hold it), a fake token endpoint and
 * a fake `events:ingest` on the fake destinations server, and leads with Google click ids.
 */
import { formatRef } from "../../widget/protocol/ref-codec";
import type { Recorded } from "../support/fake-destinations";
import {
  captureQueue,
  createDestination,
  type DestinationOut,
  FAKE,
  newSink,
  received,
  runQueue,
  sinkUrl,
} from "./forward-helpers";
import { click, createSite, deliver, message, newPhone, type TestSite } from "./helpers";

export const CLIENT_EMAIL = "chatref-test@chatref-test.iam.gserviceaccount.com";
/** The access token the fake token endpoint hands out. */
export const ACCESS_TOKEN = "ya29.test-access-token-0001";

const pem = (der: ArrayBuffer) => {
  let bin = "";
  for (const b of new Uint8Array(der)) bin += String.fromCharCode(b);
  const lines = btoa(bin).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join("\n")}\n-----END PRIVATE KEY-----\n`;
};

/** A fresh RS256 key pair: the private key as a PEM and the public key to verify with. */
export async function serviceAccountKey() {
  const pair = (await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const der = (await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer;
  return { privateKeyPem: pem(der), publicKey: pair.publicKey };
}

/** A service-account key file as Google Cloud downloads it (extra fields included). */
export const keyFile = (privateKeyPem: string) => ({
  type: "service_account",
  project_id: "chatref-test",
  private_key_id: "0123456789abcdef",
  private_key: privateKeyPem,
  client_email: CLIENT_EMAIL,
  client_id: "100000000000000000001",
  token_uri: "https://oauth2.googleapis.com/token",
});

export const REFRESH = {
  client_id: "1234-test.apps.googleusercontent.com",
  client_secret: "GOCSPX-test-client-secret",
  refresh_token: "1//0test-refresh-token-abcdef",
};

/** Makes a sink answer `ok` (status and body) once its plan is used up. */
export async function setOk(name: string, status: number, body: string, plan: unknown[] = []) {
  const res = await fetch(`${FAKE}/control/sinks/${name}`, {
    method: "POST",
    body: JSON.stringify({ plan, ok: { status, body } }),
  });
  if (!res.ok) throw new Error(`ok failed: ${res.status}`);
}

export const tokenAnswer = (token = ACCESS_TOKEN, expiresIn = 3599) =>
  JSON.stringify({ access_token: token, expires_in: expiresIn, token_type: "Bearer" });

export interface GoogleAdsSite {
  site: TestSite;
  dest: DestinationOut;
  sinks: { ads: string; token: string };
}

/** A site with one google_ads destination whose token and ingest endpoints are fake sinks. */
export async function siteWithGoogleAds(
  credentials: unknown,
  settings: Record<string, unknown> = {},
): Promise<GoogleAdsSite> {
  const site = await createSite();
  const sinks = { ads: newSink("gads"), token: newSink("gads-token") };
  await setOk(sinks.token, 200, tokenAnswer());
  const dest = await createDestination(site, {
    kind: "google_ads",
    name: "Google Ads",
    customer_id: "123-456-7890",
    conversion_action_id: "987654321",
    credentials,
    endpoint: `${sinkUrl(sinks.ads)}/v1`,
    token_endpoint: `${sinkUrl(sinks.token)}/token`,
    ...settings,
  });
  return { site, dest, sinks };
}

/** Records a lead from a click with this touch; returns its outbox ids and the phone. */
export async function googleLead(site: TestSite, touch: Record<string, string>) {
  const queue = captureQueue();
  const ref = await click(site, { utm_source: "google", utm_medium: "cpc", ...touch });
  const phone = newPhone();
  await deliver(site, message({ from: phone, body: `Hi ${formatRef(ref)}` }));
  return { ids: queue.drain(), phone, queue };
}

/** Records a lead and runs its outbox once. */
export async function googleLeadForwarded(site: TestSite, touch: Record<string, string>) {
  const lead = await googleLead(site, touch);
  const run = await runQueue(lead.ids);
  return { ...lead, run };
}

/** The ingest requests a sink received, bodies parsed. */
export async function ingested(sink: string) {
  return (await received(sink)).map((r: Recorded) => ({
    ...r,
    json: JSON.parse(r.body) as Record<string, unknown>,
  }));
}

/** Decodes a base64url JWT part. */
export const jwtPart = (part: string) =>
  JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;

/** The bytes of a base64url string. */
export const b64urlBytes = (s: string) =>
  Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

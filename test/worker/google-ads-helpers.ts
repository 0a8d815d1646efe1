/**
 * Shared set-up of the Google Ads (Data Manager API) tests: a service-account key pair made in
 * the test with WebCrypto (PKCS#8 PEM, as Google's key files hold it), a fake token endpoint and
 * a fake `events:ingest` on the fake destinations server, and leads with Google click ids.
 */
import { forwarded, leadFrom, receivedJson, setOk } from "./destination-test-kit";
import { createDestination, type DestinationOut, newSink, sinkUrl } from "./forward-helpers";
import { createSite, type TestSite } from "./helpers";

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

export const tokenAnswer = (token = ACCESS_TOKEN, expiresIn = 3599) =>
  JSON.stringify({ access_token: token, expires_in: expiresIn, token_type: "Bearer" });

/** A valid google_ads create body but for its credentials. */
export const GOOGLE_ADS_BASE = {
  kind: "google_ads",
  name: "Ads",
  customer_id: "1234567890",
  conversion_action_id: "42",
};

export interface GoogleAdsSite {
  site: TestSite;
  dest: DestinationOut;
  sinks: { ads: string; token: string };
}

/**
 * A site with one google_ads destination whose token and ingest endpoints are fake sinks (the
 * ingest sink behind `adsBase`, e.g. a closed port, when given).
 */
export async function siteWithGoogleAds(
  credentials: unknown,
  settings: Record<string, unknown> = {},
  adsBase?: string,
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
    endpoint: `${sinkUrl(sinks.ads, adsBase)}/v1`,
    token_endpoint: `${sinkUrl(sinks.token)}/token`,
    ...settings,
  });
  return { site, dest, sinks };
}

/** Records a lead from a click with this touch (utm google / cpc); returns its outbox ids and the phone. */
export const googleLead = (site: TestSite, touch: Record<string, string>) =>
  leadFrom(site, { utm_source: "google", utm_medium: "cpc", ...touch });

/** Records a lead and runs its outbox once. */
export const googleLeadForwarded = (site: TestSite, touch: Record<string, string>) =>
  forwarded(googleLead(site, touch));

/** The ingest requests a sink received, bodies parsed. */
export const ingested = receivedJson;

/** Decodes a base64url JWT part. */
export const jwtPart = (part: string) =>
  JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;

/** The bytes of a base64url string. */
export const b64urlBytes = (s: string) =>
  Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

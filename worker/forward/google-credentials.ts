/**
 * The credential of a `google_ads` destination, checked at the API edge and read again at
 * delivery: either a service-account key (the JSON file Google Cloud downloads) or an OAuth
 * client with a refresh token (`{ client_id, client_secret, refresh_token }`, as in gcloud's
 * `authorized_user` file). Either may be sent as the JSON object or as its text.
 *
 * Only the fields the token exchange needs are kept, in a canonical JSON text that is sealed like
 * every credential (secrets.ts). Its last field is the non-secret one (`client_email`,
 * `client_id`), so the `credentials_last4` the API shows never holds key or token characters.
 * A key file's `token_uri` is ignored: the token endpoint is the destination's `token_endpoint`
 * setting, checked by the URL policy like every other URL it sends to.
 */
import { z } from "zod";

/** A service account: tokens from a JWT signed with its key (RFC 7523). */
export interface ServiceAccountCredential {
  type: "service_account";
  private_key: string;
  client_email: string;
}

/** An OAuth client and a user's refresh token. */
export interface RefreshTokenCredential {
  type: "refresh_token";
  client_secret: string;
  refresh_token: string;
  client_id: string;
}

export type GoogleCredential = ServiceAccountCredential | RefreshTokenCredential;

/** Longest credential text accepted (a 4096-bit key file is about 3.5 KB). */
export const CREDENTIAL_TEXT_MAX = 12_000;

/** A PKCS#8 PEM as Google writes it: the BEGIN/END PRIVATE KEY lines around base64. */
const PEM = /^-----BEGIN PRIVATE KEY-----\s+([A-Za-z0-9+/=\s]+?)\s*-----END PRIVATE KEY-----\s*$/;

const field = (raw: Record<string, unknown>, name: string, max: number): string | string[] => {
  const v = raw[name];
  if (typeof v !== "string" || !v.trim()) return [`${name} is missing`];
  if (v.length > max) return [`${name} is longer than ${max} characters`];
  return v.trim();
};

/** The canonical credential of `input`, or the reasons it is not one. */
export function readGoogleCredential(input: unknown): GoogleCredential | string[] {
  let raw: unknown = input;
  if (typeof input === "string") {
    try {
      raw = JSON.parse(input);
    } catch {
      return ["not JSON: paste the service-account key file or a refresh-token JSON"];
    }
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    return ["must be a JSON object (a service-account key or a refresh-token JSON)"];
  const obj = raw as Record<string, unknown>;
  if (obj.type === "service_account" || "private_key" in obj) {
    if (obj.type !== undefined && obj.type !== "service_account")
      return [`type must be "service_account" for a key with private_key`];
    const key = field(obj, "private_key", 8192);
    const email = field(obj, "client_email", 320);
    if (Array.isArray(key) || Array.isArray(email))
      return [...(Array.isArray(key) ? key : []), ...(Array.isArray(email) ? email : [])].map(
        (m) => `service account: ${m}`,
      );
    if (!PEM.test(key))
      return [
        "service account: private_key is not a PKCS#8 PEM (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----)",
      ];
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      return ["service account: client_email is not an email address"];
    return { type: "service_account", private_key: key, client_email: email };
  }
  if (obj.type !== undefined && obj.type !== "authorized_user" && obj.type !== "refresh_token")
    return [
      `type "${String(obj.type).slice(0, 40)}" is neither service_account nor authorized_user`,
    ];
  const parts = [
    field(obj, "client_id", 512),
    field(obj, "client_secret", 512),
    field(obj, "refresh_token", 2048),
  ];
  const problems = parts.flatMap((p) => (Array.isArray(p) ? p : []));
  if (problems.length) return problems.map((m) => `refresh token: ${m}`);
  const [clientId, clientSecret, refreshToken] = parts as string[];
  return {
    type: "refresh_token",
    client_secret: clientSecret as string,
    refresh_token: refreshToken as string,
    client_id: clientId as string,
  };
}

const NOT_CREDENTIAL = `must be a JSON object (a service-account key or a refresh-token JSON) or its text (at most ${CREDENTIAL_TEXT_MAX} characters)`;

/** The `credentials` field: a key or refresh-token JSON (object or text) → canonical JSON text. */
export const googleCredentials = z
  .union(
    [
      z.string({ error: NOT_CREDENTIAL }).max(CREDENTIAL_TEXT_MAX, NOT_CREDENTIAL),
      z.record(z.string(), z.unknown(), { error: NOT_CREDENTIAL }),
    ],
    { error: NOT_CREDENTIAL },
  )
  .transform((input, ctx) => {
    const read = readGoogleCredential(input);
    if (Array.isArray(read)) {
      for (const message of read) ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return JSON.stringify(read);
  })
  .describe(
    'a service-account key JSON (`{"type":"service_account","client_email","private_key"}`) or an OAuth refresh-token JSON (`{"client_id","client_secret","refresh_token"}`), as an object or its text; sealed, never returned',
  );

/** Reads a sealed credential back (throws: a row written by something else than this module). */
export function parseStoredCredential(text: string): GoogleCredential {
  const read = readGoogleCredential(text);
  if (Array.isArray(read)) throw new Error(`the stored Google credential is unusable: ${read[0]}`);
  return read;
}

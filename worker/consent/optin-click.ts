/**
 * The opt-in part of a click beacon: the checkbox state and text version go on the click row;
 * the exact text is kept once per (site, version) in consent_texts. The widget opt-in becomes a
 * consent event only when the click's ref is matched into a lead (statements.ts).
 *
 * The widget's version id is short (32-bit FNV-1a, widget/protocol/optin-version.ts), so anyone
 * could craft another text with the same id. The stored version therefore appends the first 64
 * bits of the text's SHA-256: `<widget id>.<sha256 prefix>` names exactly one text.
 *
 * A beacon is the browser's word, so its text proves nothing by itself: an opt-in counts only
 * when its version is registered for the site — by the site's admin (consent-texts.ts), or
 * because it is one of the widget's own built-in texts naming the site (the product wrote those
 * words, and the worker computes them from the same module the widget imports). Any other text is
 * kept as unverified evidence until it is registered.
 */
import { sql } from "drizzle-orm";
import { OPTIN_STRINGS } from "../../widget/optin/optin-strings";
import type { OptinBeacon } from "../../widget/protocol/click-beacon";
import { optinVersion } from "../../widget/protocol/optin-version";
import type { Db } from "../db/client";
import { consentTexts } from "../db/schema";
import { ApiError } from "../http/errors";

/** The beacon's opt-in (the shape the widget sends; the ingest schema validates it). */
type Optin = OptinBeacon;

/** A beacon's opt-in as stored: its state, its stored version and its exact text. */
export interface StoredOptin {
  state: Optin["state"];
  version: string;
  text: string;
  /** The text is a built-in widget text naming the site (registered on first sight). */
  builtin?: boolean;
}

/** The stored version of a text: the widget's id, then the first 64 bits of its SHA-256. */
export async function textVersion(text: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  const hex = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${optinVersion(text)}.${hex}`;
}

/** The widget's built-in opt-in texts (every language) naming `business`, as the widget shows them. */
export function builtinTexts(business: string): string[] {
  return Object.values(OPTIN_STRINGS).map((s) => s.replace(/\{business\}/g, business));
}

/**
 * Checks the widget's version and computes the stored one (a 400 when they do not match).
 * `siteName` is the business the built-in texts name (`sites.name`).
 */
export async function storedOptin(
  optin: Optin | undefined,
  siteName?: string,
): Promise<StoredOptin | undefined> {
  if (!optin) return undefined;
  if (optinVersion(optin.text) !== optin.v)
    throw new ApiError(400, "validation_failed", "optin.v is not the version of optin.text");
  const builtin = siteName !== undefined && builtinTexts(siteName).includes(optin.text);
  return { state: optin.state, version: await textVersion(optin.text), text: optin.text, builtin };
}

/** The click columns of an opt-in. */
export function optinColumns(optin: StoredOptin | undefined) {
  return optin ? { optinState: optin.state, optinVersion: optin.version } : {};
}

/**
 * Keeps the exact text of a version (the version names the text, so the first insert wins). A
 * built-in text is registered with it; any other stays unregistered until the site's admin
 * registers it.
 */
export function consentTextInsert(db: Db, siteId: string, optin: StoredOptin, lang: string | null) {
  const now = Date.now();
  const insert = db.insert(consentTexts).values({
    siteId,
    version: optin.version,
    text: optin.text,
    lang,
    firstSeenAt: now,
    ...(optin.builtin ? { registeredAt: now, registeredBy: "builtin" as const } : {}),
  });
  return optin.builtin
    ? insert.onConflictDoUpdate(registerOnConflict)
    : insert.onConflictDoNothing();
}

/**
 * The upsert's conflict clause when registering a text already seen: it becomes registered
 * (which verifies its opt-ins, by trigger); a registration already made is kept as it was.
 */
export const registerOnConflict = {
  target: [consentTexts.siteId, consentTexts.version],
  set: {
    registeredAt: sql`coalesce(${consentTexts.registeredAt}, excluded.registered_at)`,
    registeredBy: sql`coalesce(${consentTexts.registeredBy}, excluded.registered_by)`,
    lang: sql`coalesce(excluded.lang, ${consentTexts.lang})`,
  },
};

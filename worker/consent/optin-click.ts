/**
 * The opt-in part of a click beacon: the checkbox state and text version go on the click row;
 * the exact text is kept once per (site, version) in consent_texts. The widget opt-in becomes a
 * consent event only when the click's ref is matched into a lead (statements.ts).
 *
 * The widget's version id is short (32-bit FNV-1a, widget/protocol/optin-version.ts), so anyone
 * could craft another text with the same id. The stored version therefore appends the first 64
 * bits of the text's SHA-256: `<widget id>.<sha256 prefix>` names exactly one text.
 */
import { optinVersion } from "../../widget/protocol/optin-version";
import type { Db } from "../db/client";
import { consentTexts } from "../db/schema";
import { ApiError } from "../http/errors";
import type { ClickBeaconInput } from "../ingest/click-schema";

type Optin = NonNullable<ClickBeaconInput["optin"]>;

/** A beacon's opt-in as stored: its state, its stored version and its exact text. */
export interface StoredOptin {
  state: Optin["state"];
  version: string;
  text: string;
}

/** Checks the widget's version and computes the stored one (a 400 when they do not match). */
export async function storedOptin(optin: Optin | undefined): Promise<StoredOptin | undefined> {
  if (!optin) return undefined;
  if (optinVersion(optin.text) !== optin.v)
    throw new ApiError(400, "validation_failed", "optin.v is not the version of optin.text");
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(optin.text)),
  );
  const hex = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  return { state: optin.state, version: `${optin.v}.${hex}`, text: optin.text };
}

/** The click columns of an opt-in. */
export function optinColumns(optin: StoredOptin | undefined) {
  return optin ? { optinState: optin.state, optinVersion: optin.version } : {};
}

/** Keeps the exact text of a version (the version names the text, so the first insert wins). */
export function consentTextInsert(db: Db, siteId: string, optin: StoredOptin, lang: string | null) {
  return db
    .insert(consentTexts)
    .values({ siteId, version: optin.version, text: optin.text, lang, firstSeenAt: Date.now() })
    .onConflictDoNothing();
}

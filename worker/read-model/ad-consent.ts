/**
 * A lead's effective Consent Mode state, per type and per destination: the visitor's state
 * captured with the click (Google Consent Mode on the page: widget/protocol/click-beacon.ts
 * `consent`), else the destination's `consent_default`, else the site's. A lead without a click
 * (a Click-to-WhatsApp ad, a message without a ref) and a click whose page set no consent take
 * the defaults. Pure: the lead JSON (lead-json.ts) and forwarding (forward/deliver.ts,
 * forward/yandex-upload.ts) resolve through this one function.
 *
 * Here and not in consent/ (the opt-in ledger, a later step): the lead JSON shows the result, and
 * the read model sits below both the API and forwarding.
 */
import {
  CONSENT_TYPES,
  type ConsentBeacon,
  type ConsentState,
  type ConsentType,
} from "../../widget/protocol/click-beacon";

/** Where a type's state came from. */
export const AD_CONSENT_SOURCES = ["click", "destination", "site"] as const;
export type AdConsentSource = (typeof AD_CONSENT_SOURCES)[number];

/** Every Consent Mode type's effective state and where it came from. */
export type AdConsent = Record<ConsentType, { state: ConsentState; source: AdConsentSource }>;

/** The delivery log's reason when an ad platform is skipped (forward/deliver.ts, yandex-upload.ts). */
export const AD_USER_DATA_DENIED = "consent: ad_user_data denied";

/** Resolves each type: the click's state, else the destination's default, else the site's. */
export function resolveAdConsent(
  click: ConsentBeacon | null | undefined,
  destinationDefault: ConsentState | null | undefined,
  siteDefault: ConsentState,
): AdConsent {
  const out = {} as AdConsent;
  for (const type of CONSENT_TYPES) {
    const captured = click?.[type];
    out[type] = captured
      ? { state: captured, source: "click" }
      : destinationDefault
        ? { state: destinationDefault, source: "destination" }
        : { state: siteDefault, source: "site" };
  }
  return out;
}

/**
 * Why an ad platform (a destination that receives ad click ids or hashed contact data) must not
 * get this lead: the visitor (or the default standing in for them) denied `ad_user_data`.
 */
export function adUserDataSkip(consent: AdConsent): string | null {
  return consent.ad_user_data.state === "denied" ? AD_USER_DATA_DENIED : null;
}

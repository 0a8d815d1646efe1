/**
 * The format of each destination kind the queue consumer sends (deliver.ts), with its stored
 * config read and checked: one table, so a new kind adds one line here. `yandex_metrica` is not
 * sent per row: the cron uploads its rows in bulk (yandex-upload.ts).
 */

import type { z } from "zod";
import type { DestinationKind } from "../db/schema";
import { type AdConsent, adUserDataSkip } from "../read-model/ad-consent";
import { type CONFIG_SCHEMAS, parseConfig } from "./destination-config";
import type { Format } from "./format";
import { ga4Format } from "./ga4";
import { googleAdsFormat } from "./google-ads";
import { metaFormat } from "./meta-capi";
import { microsoftAdsFormat } from "./microsoft-ads";
import { tiktokFormat } from "./tiktok";
import { webhookFormat } from "./webhook";

/**
 * Whether a kind receives ad identifiers (click ids, hashed phones, Metrica ids): such an ad
 * platform never gets a lead whose `ad_user_data` is denied. GA4 (analytics, told the consent in
 * its own `consent` field) and webhooks (the owner's own system, given the lead's `consent`) do.
 */
export const AD_PLATFORM: Record<DestinationKind, boolean> = {
  ga4: false,
  meta_capi: true,
  webhook: false,
  google_ads: true,
  tiktok: true,
  yandex_metrica: true,
  microsoft_ads: true,
};

/**
 * The one consent check of a delivery (deliver.ts before a format runs, yandex-upload.ts before a
 * line is built): the skip reason when `kind` may not receive this lead, else null.
 */
export function consentSkipReason(kind: DestinationKind, consent: AdConsent): string | null {
  return AD_PLATFORM[kind] ? adUserDataSkip(consent) : null;
}

/** The kind sent per row → its format, each typed by its own config (destination-config.ts). */
type SentKind = Exclude<DestinationKind, "yandex_metrica">;
const FORMATS: { [K in SentKind]: Format<z.output<(typeof CONFIG_SCHEMAS)[K]>> } = {
  ga4: ga4Format,
  meta_capi: metaFormat,
  google_ads: googleAdsFormat,
  tiktok: tiktokFormat,
  microsoft_ads: microsoftAdsFormat,
  webhook: webhookFormat,
};

/** Calls `use` with the kind's format and its parsed config (throws on a config it cannot read). */
export function withFormat<R, K extends SentKind>(
  kind: K,
  stored: Record<string, unknown>,
  use: <C>(format: Format<C>, config: C) => R,
): R {
  return use(FORMATS[kind], parseConfig(kind, stored));
}

/**
 * The format of each destination kind the queue consumer sends (deliver.ts), with its stored
 * config read and checked: one table, so a new kind adds one line here. `yandex_metrica` is not
 * sent per row: the cron uploads its rows in bulk (yandex-upload.ts).
 */
import type { DestinationKind } from "../db/schema";
import { parseConfig } from "./destination-config";
import type { Format } from "./format";
import { ga4Format } from "./ga4";
import { googleAdsFormat } from "./google-ads";
import { metaFormat } from "./meta-capi";
import { tiktokFormat } from "./tiktok";
import { webhookFormat } from "./webhook";

/** Calls `use` with the kind's format and its parsed config (throws on a config it cannot read). */
export function withFormat<R>(
  kind: Exclude<DestinationKind, "yandex_metrica">,
  stored: Record<string, unknown>,
  use: <C>(format: Format<C>, config: C) => R,
): R {
  switch (kind) {
    case "ga4":
      return use(ga4Format, parseConfig("ga4", stored));
    case "meta_capi":
      return use(metaFormat, parseConfig("meta_capi", stored));
    case "google_ads":
      return use(googleAdsFormat, parseConfig("google_ads", stored));
    case "tiktok":
      return use(tiktokFormat, parseConfig("tiktok", stored));
    case "webhook":
      return use(webhookFormat, parseConfig("webhook", stored));
  }
}

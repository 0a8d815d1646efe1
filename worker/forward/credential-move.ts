/**
 * A credential stays with its endpoint. Any key of a site can PATCH its destinations, so if
 * changing a GA4/Meta `endpoint` or a webhook `url` kept the stored credential, a key could point
 * the destination at its own host and receive the `api_secret` or `access_token` (or signatures
 * made with the receiver's signing secret). A PATCH that moves a destination must therefore bring
 * the credential again: `api_secret` (GA4), `access_token` (Meta), `credentials` (Google Ads, for
 * its `endpoint` or `token_endpoint`), `access_token` (TikTok), `credentials` (Microsoft
 * Advertising, for its `endpoint` or `token_endpoint`), `"rotate_secret": true` (a
 * webhook's signing secret is generated, never sent in; the pre-rotation secret is dropped).
 *
 * The account a credential acts on is where it sends too: an agency's token or service account
 * often reaches many clients' pixels, counters and ad accounts, so a key that could re-point
 * `dataset_id` or `customer_id` alone would write its site's leads (or made-up conversions)
 * into another account with a credential its holder never saw. Those fields (ACCOUNTS) need the
 * credential again as well.
 */
import type { DestinationKind } from "../db/schema";
import { ApiError } from "../http/errors";
import { SECRET_FIELD } from "./destination-config";
import { GA4_ENDPOINT } from "./ga4";
import { DATAMANAGER_BASE } from "./google-ads";
import { GOOGLE_TOKEN_ENDPOINT } from "./google-oauth";
import { META_GRAPH_BASE } from "./meta-capi";
import { MICROSOFT_ADS_BASE, MICROSOFT_TOKEN_ENDPOINT } from "./microsoft-ads";
import { TIKTOK_BASE } from "./tiktok";
import { YANDEX_METRICA_BASE } from "./yandex-config";

/** The URL fields a kind's credential travels to, with their defaults. */
const TARGETS: Record<DestinationKind, Record<string, string>> = {
  ga4: { endpoint: GA4_ENDPOINT },
  meta_capi: { endpoint: META_GRAPH_BASE },
  webhook: { url: "" },
  // The access token goes to the endpoint, the refresh token or signed assertion to the other.
  google_ads: { endpoint: DATAMANAGER_BASE, token_endpoint: GOOGLE_TOKEN_ENDPOINT },
  tiktok: { endpoint: TIKTOK_BASE },
  yandex_metrica: { endpoint: YANDEX_METRICA_BASE },
  microsoft_ads: { endpoint: MICROSOFT_ADS_BASE, token_endpoint: MICROSOFT_TOKEN_ENDPOINT },
};

/**
 * The config fields naming the account a kind's credential acts on (no default): the GA4
 * stream, the Meta dataset, the Google Ads operating and manager accounts, the TikTok pixel,
 * the Metrica counter, the Microsoft Advertising customer and ad account.
 */
const ACCOUNTS: Record<DestinationKind, readonly string[]> = {
  ga4: ["measurement_id"],
  meta_capi: ["dataset_id"],
  webhook: [],
  google_ads: ["customer_id", "login_customer_id"],
  tiktok: ["pixel_code"],
  yandex_metrica: ["counter_id"],
  microsoft_ads: ["customer_id", "account_id"],
};

/** Where a destination with this config sends (its default endpoint when none is set). */
function target(config: Record<string, unknown>, field: string, fallback: string): string {
  const raw = String(config[field] ?? fallback);
  try {
    return new URL(raw).href;
  } catch {
    return raw;
  }
}

/**
 * Throws 400 `validation_failed` when `patch` changes where the destination sends without its
 * credential; returns whether it moves (the caller then forgets a pre-rotation webhook secret).
 */
export function checkCredentialMove(
  kind: DestinationKind,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  patch: Record<string, unknown>,
): boolean {
  const targets = [
    ...Object.entries(TARGETS[kind]),
    ...ACCOUNTS[kind].map((name) => [name, ""] as const),
  ];
  const field = targets.find(
    ([name, fallback]) => target(before, name, fallback) !== target(after, name, fallback),
  )?.[0];
  if (!field) return false;
  if (kind === "webhook") {
    if (patch.rotate_secret !== true)
      throw new ApiError(
        400,
        "validation_failed",
        `${field}: changing where this webhook sends needs "rotate_secret": true in the same request (its signing secret stays with the old URL)`,
      );
  } else if (typeof patch[SECRET_FIELD[kind]] !== "string") {
    throw new ApiError(
      400,
      "validation_failed",
      `${field}: changing where this destination sends needs ${SECRET_FIELD[kind]} again in the same request (the stored one stays with its endpoint)`,
    );
  }
  return true;
}

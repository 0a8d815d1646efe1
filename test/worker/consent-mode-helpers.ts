/**
 * Shared set-up of the Consent Mode tests (consent-mode-*.test.ts): a lead from a click that
 * carries the visitor's consent, a site with a destination of every per-row kind on its own
 * sink, and each outbox row read back by destination kind.
 */

import { eq, inArray } from "drizzle-orm";
import type { ConsentBeacon } from "../../widget/protocol/click-beacon";
import { formatRef } from "../../widget/protocol/ref-codec";
import { destinations, outbox, sites } from "../../worker/db/schema";
import { addAdDestinations } from "./ad-destinations";
import { createDestination, newSink, sinkUrl } from "./forward-helpers";
import { click, createSite, db, deliver, message, newPhone, type TestSite } from "./helpers";
import { captureQueue } from "./queue-helpers";
import { PIXEL, TIKTOK_TOKEN } from "./tiktok-helpers";
import { siteWithYandex } from "./yandex-helpers";

/** A touch with every click id the per-row ad platforms need, and a GA client id. */
export const AD_TOUCH = {
  utm_source: "google",
  utm_medium: "cpc",
  gclid: "gclid-consent-1",
  fbclid: "fbclid-consent-1",
  ttclid: "ttclid-consent-1",
  yclid: "7364819203847561",
  ga_client_id: "1234567890.1700000000",
} as const;

/**
 * Records a lead from a click with this touch and (when given) the visitor's Consent Mode state:
 * the beacon, then a WhatsApp message with its ref. Returns the outbox ids it enqueued (not run).
 */
export async function consentLead(
  site: TestSite,
  touch: Record<string, string>,
  consent?: ConsentBeacon,
) {
  const queue = captureQueue();
  const ref = await click(site, touch, consent ? { consent } : {});
  const phone = newPhone();
  await deliver(site, message({ from: phone, body: `Hi ${formatRef(ref)}` }));
  return { ids: queue.drain(), phone, ref };
}

/** Sets a site's `consent_default` directly (the API route has its own test). */
export async function setSiteDefault(site: TestSite, value: "granted" | "denied") {
  await db().update(sites).set({ consentDefault: value }).where(eq(sites.id, site.id)).run();
}

/** The sinks of `siteWithEveryKind`, by destination kind. */
export interface KindSinks {
  ga4: string;
  meta_capi: string;
  google_ads: string;
  tiktok: string;
  webhook: string;
  token: string;
}

/** A site with a GA4, Meta, Google Ads, TikTok and webhook destination, each on its own sink. */
export async function siteWithEveryKind(site?: TestSite) {
  const s = site ?? (await createSite());
  const ads = await addAdDestinations(s, {
    google_ads: { ad_personalization: "granted" },
    tiktok: { pixel_code: PIXEL, access_token: TIKTOK_TOKEN },
  });
  const sinks: KindSinks = {
    ga4: newSink("cm-ga4"),
    meta_capi: newSink("cm-meta"),
    google_ads: ads.google_ads ?? "",
    tiktok: ads.tiktok ?? "",
    webhook: newSink("cm-hook"),
    token: ads.googleToken ?? "",
  };
  await createDestination(s, {
    kind: "ga4",
    name: "GA4",
    measurement_id: "G-CONSENT1",
    api_secret: "consent-ga4-secret-1234",
    endpoint: `${sinkUrl(sinks.ga4)}/mp/collect`,
  });
  await createDestination(s, {
    kind: "meta_capi",
    name: "Meta",
    dataset_id: "987654321",
    access_token: "consent-meta-token-5678",
    endpoint: sinkUrl(sinks.meta_capi),
  });
  await createDestination(s, { kind: "webhook", name: "CRM", url: `${sinkUrl(sinks.webhook)}/in` });
  return { site: s, sinks };
}

/** A yandex_metrica destination of `site` on a new sink, with these settings. */
export async function addYandex(site: TestSite, settings: Record<string, unknown> = {}) {
  const { sink, dest } = await siteWithYandex(settings, site);
  return { sink, dest };
}

/** The outbox rows of `ids`, keyed by their destination's kind (one destination per kind). */
export async function rowsByKind(ids: string[]) {
  const rows = await db()
    .select({ kind: destinations.kind, row: outbox })
    .from(outbox)
    .innerJoin(destinations, eq(destinations.id, outbox.destinationId))
    .where(inArray(outbox.id, ids))
    .all();
  return Object.fromEntries(rows.map((r) => [r.kind, r.row])) as Partial<
    Record<string, typeof outbox.$inferSelect>
  >;
}

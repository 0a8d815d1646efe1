/**
 * Issue 13's must-hold, end to end: one lead whose visit carried every click id reaches every
 * destination kind a site can have, each exactly once, even when the queue delivers its messages
 * twice and the cron sweeps; the delivery log says `sent` for each.
 */

import { afterEach, describe, expect, it, vi } from "vitest";
import { YANDEX_POLL_EVERY_MS } from "../../worker/forward/yandex-poll";
import { addAdDestinations } from "./ad-destinations";
import { leadWithEveryClickId } from "./destination-test-kit";
import { listDeliveries } from "./forward-helpers";
import { siteWithDestinations } from "./forward-shapes-helpers";
import { runCron, runQueue } from "./queue-helpers";
import { received, setPlan } from "./sink-helpers";
import { runYandex, siteWithYandex, statusAnswer, uploadAnswer } from "./yandex-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Past Metrica's first status poll. */
const POLL = YANDEX_POLL_EVERY_MS + 1000;

describe("a lead with every click id", () => {
  it("arrives at every destination kind exactly once", async () => {
    const { site, sinks } = await siteWithDestinations();
    const more = await addAdDestinations(site, { google_ads: {}, tiktok: {}, microsoft_ads: {} });
    const ym = await siteWithYandex({}, site);
    await setPlan(ym.sink, [{ mode: "status", status: 200, body: uploadAnswer(77) }]);

    // A visit to a site running gtag and the Meta pixel, with every ad platform's click id.
    const { ids } = await leadWithEveryClickId(site, {
      utm_source: "google",
      utm_medium: "cpc",
      ga_client_id: "1234567890.1700000000",
      fbp: "fb.1.1700000000000.1234567890",
    });
    expect(ids).toHaveLength(7);
    // The queue delivers every message twice, the sweep runs, Metrica's cron uploads and polls.
    await runQueue(ids);
    await runQueue(ids, 2);
    await runCron();
    await runYandex();
    await setPlan(ym.sink, [
      { mode: "status", status: 200, body: statusAnswer(77, "PROCESSED", 1, 1) },
    ]);
    await runYandex(POLL);

    const posts = async (sink: string) =>
      (await received(sink)).filter((r) => r.method === "POST").length;
    const counts = {
      ga4: await posts(sinks.ga4),
      meta: await posts(sinks.meta),
      webhook: await posts(sinks.hook),
      google_ads: await posts(more.google_ads ?? ""),
      tiktok: await posts(more.tiktok ?? ""),
      microsoft_ads: await posts(more.microsoft_ads ?? ""),
      yandex_metrica: await posts(ym.sink),
    };
    expect(counts).toEqual({
      ga4: 1,
      meta: 1,
      webhook: 1,
      google_ads: 1,
      tiktok: 1,
      microsoft_ads: 1,
      yandex_metrica: 1,
    });
    const log = await listDeliveries(site);
    expect(log.map((d) => [d.destination.kind, d.status]).sort()).toEqual(
      [
        ["ga4", "sent"],
        ["google_ads", "sent"],
        ["meta_capi", "sent"],
        ["microsoft_ads", "sent"],
        ["tiktok", "sent"],
        ["webhook", "sent"],
        ["yandex_metrica", "sent"],
      ].sort(),
    );
  });
});

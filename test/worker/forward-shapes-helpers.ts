/**
 * Shared set-up of the forwarding shape tests: a site with GA4, Meta and webhook destinations, and
 * one lead forwarded through the real queue consumer.
 */

import { eq } from "drizzle-orm";
import { sites } from "../../worker/db/schema";
import { captureQueue, createDestination, newSink, runQueue, sinkUrl } from "./forward-helpers";
import { createSite, db, deliver, type message, type TestSite } from "./helpers";

/** The WhatsApp Business Account id of Meta's published example. */
export const WABA_ID = "102290129340398";

/** A site with a GA4, a Meta and a webhook destination, each posting to its own sink. */
export async function siteWithDestinations(opts: { waba?: boolean; money?: boolean } = {}) {
  const site = await createSite();
  if (opts.waba !== false)
    await db().update(sites).set({ wabaId: WABA_ID }).where(eq(sites.id, site.id)).run();
  const sinks = { ga4: newSink("ga4"), meta: newSink("meta"), hook: newSink("hook") };
  const money = opts.money ? { value: 25, currency: "USD" } : {};
  const ga4 = await createDestination(site, {
    kind: "ga4",
    name: "GA4",
    measurement_id: "G-SHAPES123",
    api_secret: "shape-ga4-secret-1234",
    endpoint: `${sinkUrl(sinks.ga4)}/mp/collect`,
    ...money,
  });
  const meta = await createDestination(site, {
    kind: "meta_capi",
    name: "Meta",
    dataset_id: "987654321",
    access_token: "shape-meta-token-5678",
    endpoint: sinkUrl(sinks.meta),
    test_event_code: "TEST42",
    ...money,
  });
  const hook = await createDestination(site, {
    kind: "webhook",
    name: "CRM",
    url: `${sinkUrl(sinks.hook)}/in`,
  });
  return { site, sinks, ga4, meta, hook };
}

/** Records a lead from `phone` for `ref` (or plain text) and runs its outbox once. */
export async function leadAndForward(site: TestSite, msg: ReturnType<typeof message>) {
  const queue = captureQueue();
  await deliver(site, msg);
  const ids = queue.drain();
  const run = await runQueue(ids);
  return { ids, run };
}

/** Parses a request body as a JSON object. */
export const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

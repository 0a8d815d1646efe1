/** The sites the forwarding tests start from: a captured queue, webhook destinations on sinks. */
import { createDestination } from "./forward-helpers";
import { createSite, type TestSite } from "./helpers";
import { captureQueue } from "./queue-helpers";
import { newSink, sinkUrl } from "./sink-helpers";

/** A new site, with what the Worker enqueues captured (`queue.drain()`). */
export async function siteWithQueue() {
  const queue = captureQueue();
  return { queue, site: await createSite() };
}

/**
 * A webhook destination of `site` (named `name`) posting to a new sink `label`, with the other
 * fields of its create body in `extra` (events, include_inferred…).
 */
export async function addHook(site: TestSite, label: string, name = "h", extra: object = {}) {
  const sink = newSink(label);
  const body = { kind: "webhook", name, url: sinkUrl(sink), ...extra };
  return { sink, hook: await createDestination(site, body) };
}

/** A new site with one webhook destination (named `name`) posting to a new sink `label`. */
export async function siteWithHook(label: string, name = "h") {
  const site = await createSite();
  return { site, ...(await addHook(site, label, name)) };
}

/** A new site with one destination made from `body` (`POST /api/v1/destinations`). */
export async function siteWithDestination(body: object) {
  const site = await createSite();
  return { site, destination: await createDestination(site, body) };
}

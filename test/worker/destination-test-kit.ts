/**
 * The shared kit of the ad-platform destination tests (google_ads, tiktok, yandex_metrica,
 * microsoft_ads, …): one import for the API-edge checks (destination-api-kit.ts), the fault table
 * (destination-fault-kit.ts), the lead fixtures and the sink helpers below.
 *
 * Adding a kind:
 * 1. A `<kind>-helpers.ts` with a valid create body (`<KIND>_BASE`), `siteWith<Kind>()` built on
 *    `createDestination` with its endpoint on a fake sink (`newSink` + `sinkUrl`; `setOk` for the
 *    platform's success answer), `<kind>Lead(site, touch)` = `leadFrom(site, {utm…, ...touch})`
 *    and `<kind>LeadForwarded` = `forwarded(<kind>Lead(site, touch))`.
 * 2. `<kind>-api.test.ts`: `describeDestinationApi({kind, base, refusals, hostPin, otherHosts,
 *    siteWith, move, atDelivery})` writes the tests every kind shares (bad settings refused, host
 *    pin, other hosts refused, a secret that never follows a moved endpoint, the pin again at
 *    delivery); beside it `expectSealed(site, id, secrets)` with the kind's own config checks.
 *    The single checks (`expectRefused`, `expectHostPin`, `expectMoveNeedsSecret`,
 *    `storeAroundApi`, `expectDeadAtDelivery`) serve a kind whose shape differs.
 * 3. `<kind>-faults.test.ts`: `openQueueFaults(kind, siteAt, lead)`, then its `recover(sink,
 *    unavailable)` runs refused connection → 5xx → timeout → recovery and returns the requests.
 * 4. Skips and windows: `expectNoIdAndOldSkipped(await siteWith<Kind>(), lead, skipLeads,
 *    reasons)` for a click-id platform, or `ageClick(clickId, value, msAgo)` + `expectSkipped`;
 *    `leadsAged(site, clickId, ages)` + `expectBackfillWindow(site, destId, sinceMs, tooOld)`.
 * `leadWithEveryClickId(site)` records one lead that every ad platform takes.
 * The expected messages stay in each kind's test: the kit runs the requests and the checks.
 */
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { clicks } from "../../worker/db/schema";
import type { PlanStep, Recorded } from "../support/fake-destinations";
import { expectQuiet, type SiteOnSinks } from "./destination-api-kit";
import { backfillOk, outboxRows, since } from "./forward-backfill-helpers";
import { byKind } from "./forward-faults-helpers";
import { listDeliveries } from "./forward-helpers";
import { click, db, deliver, message, newPhone, type TestSite } from "./helpers";
import { captureQueue, runQueue } from "./queue-helpers";
import { FAKE, received } from "./sink-helpers";

export * from "./destination-api-kit";
export * from "./destination-fault-kit";

/** Makes a sink answer `ok` (status and body) once its plan is used up. */
export async function setOk(name: string, status: number, body: string, plan: PlanStep[] = []) {
  const res = await fetch(`${FAKE}/control/sinks/${name}`, {
    method: "POST",
    body: JSON.stringify({ plan, ok: { status, body } }),
  });
  if (!res.ok) throw new Error(`ok failed: ${res.status}`);
}

/** The requests a sink received, bodies parsed as JSON. */
export async function receivedJson(sink: string) {
  return (await received(sink)).map((r: Recorded) => ({
    ...r,
    json: JSON.parse(r.body) as Record<string, unknown>,
  }));
}

/** Every click id chatref records, so one lead can be forwarded to every ad platform. */
export const EVERY_CLICK_ID = {
  gclid: "gclid-every-1",
  gbraid: "gbraid-every-1",
  wbraid: "wbraid-every-1",
  fbclid: "fbclid-every-1",
  ttclid: "ttclid-every-1",
  msclkid: "msclkid-every-1",
  yclid: "1234567890123456789",
} as const;

/**
 * Records a lead from a click with this touch (UTM tags and click ids): the click, then a
 * WhatsApp message carrying its ref. Returns the outbox ids it enqueued (not run), the phone and
 * the ref.
 */
export async function leadFrom(site: TestSite, touch: Record<string, string>) {
  const queue = captureQueue();
  const ref = await click(site, touch);
  const phone = newPhone();
  await deliver(site, message({ from: phone, body: `Hi ${formatRef(ref)}` }));
  return { ids: queue.drain(), phone, ref, queue };
}

/** Runs a recorded lead's outbox once (the queue consumer); returns the lead and the run. */
export async function forwarded<T extends { ids: string[] }>(lead: Promise<T>) {
  const recorded = await lead;
  return { ...recorded, run: await runQueue(recorded.ids) };
}

/** A lead whose visit carried every click id (plus these UTM tags). */
export const leadWithEveryClickId = (site: TestSite, touch: Record<string, string> = {}) =>
  leadFrom(site, { ...EVERY_CLICK_ID, ...touch });

/**
 * Leads sent `agesSeconds` ago, each from a click with `clickId` = `<clickId>-backfill-<age>`
 * (for the backfill windows: one inside, one past the platform's window).
 */
export async function leadsAged(site: TestSite, clickId: string, agesSeconds: number[]) {
  const now = Math.floor(Date.now() / 1000);
  for (const ago of agesSeconds) {
    const ref = await click(site, { [clickId]: `${clickId}-backfill-${ago}` });
    await deliver(site, message({ from: newPhone(), body: formatRef(ref), timestamp: now - ago }));
  }
}

/** The click ids a test can age (columns of `clicks`). */
export type ClickIdColumn = keyof typeof EVERY_CLICK_ID;

/** Moves the click with this click id `msAgo` into the past (past a platform's window). */
export async function ageClick(column: ClickIdColumn, value: string, msAgo: number) {
  await db()
    .update(clicks)
    .set({ createdAt: Date.now() - msAgo })
    .where(eq(clicks[column], value))
    .run();
}

/** The site's deliveries of `kind` are exactly these skips, each with its reason. */
export async function expectSkipped(site: TestSite, kind: string, reasons: string[]) {
  const rows = byKind(await listDeliveries(site), kind);
  expect(rows.map((x) => [x.status, x.last_error]).sort()).toEqual(
    reasons.map((r) => ["skipped", r]).sort(),
  );
}

/** The two leads a click-id platform skips: `[other, [column, value], ageMs]` (expectNoIdAndOldSkipped). */
export type SkipLeads = [Record<string, string>, [ClickIdColumn, string], number];

/**
 * A click-id platform's two skips on `made` (a `siteWith<Kind>()`): a lead whose visit carried
 * only `other` click ids, and one whose click (`[column, value]`) is `ageMs` old; both sent
 * through the queue, then exactly these two skips logged for the destination's kind, with
 * `reasons` (expectSkipped), and no request on any of the site's sinks (expectQuiet).
 */
export async function expectNoIdAndOldSkipped(
  made: SiteOnSinks & { dest: { kind: string } },
  lead: (site: TestSite, touch: Record<string, string>) => Promise<{ ids: string[] }>,
  [other, [column, value], ageMs]: SkipLeads,
  reasons: string[],
) {
  const none = await lead(made.site, other);
  await runQueue(none.ids);
  const old = await lead(made.site, { [column]: value });
  await ageClick(column, value, ageMs);
  await runQueue(old.ids);
  await expectSkipped(made.site, made.dest.kind, reasons);
  await expectQuiet(made);
}

/**
 * Backfills the destination from `sinceMs` ago over two leads (see leadsAged): one queued, the
 * one past the window written skipped with `tooOld`.
 */
export async function expectBackfillWindow(
  site: TestSite,
  destinationId: string,
  sinceMs: number,
  tooOld: string,
) {
  const out = await backfillOk(site, destinationId, { since: since(sinceMs) });
  expect(out).toMatchObject({ leads_in_range: 2, queued: 1, outside_window: 1 });
  const rows = await outboxRows(destinationId);
  expect(rows.map((x) => [x.status, x.lastError]).sort()).toEqual([
    ["pending", null],
    ["skipped", tooOld],
  ]);
}

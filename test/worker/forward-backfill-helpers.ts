/**
 * Shared set-up of the backfill tests: calling the backfill route and reading back the outbox rows
 * and leads it concerns.
 */

import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { RESPONSE_SCHEMAS } from "../../worker/api/openapi";
import { leads, outbox } from "../../worker/db/schema";
import { apiSend } from "./forward-helpers";
import { db, type TestSite } from "./helpers";

/** One day in ms. */
export const DAY = 24 * 3600_000;

/** The backfill route's answer. */
export interface BackfillOut {
  destination_id: string;
  kind: string;
  since: string;
  until: string;
  dry_run: boolean;
  leads_in_range: number;
  already_present: number;
  queued: number;
  outside_window: number;
  erased: number;
  enqueued: number;
}

/** POST /api/v1/destinations/:id/backfill with the site's key (or `key`). */
export async function backfill(site: TestSite, destinationId: string, body: unknown, key?: string) {
  return apiSend(site, "POST", `/api/v1/destinations/${destinationId}/backfill`, body, key);
}

/** A successful backfill's answer, checked against the documented schema and its partition. */
export async function backfillOk(
  site: TestSite,
  destinationId: string,
  body: Record<string, unknown>,
) {
  const res = await backfill(site, destinationId, body);
  const text = await res.text();
  expect(res.status, text).toBe(body.dry_run ? 200 : 202);
  const out = JSON.parse(text) as BackfillOut;
  expect(RESPONSE_SCHEMAS.Backfill.safeParse(out).success, text).toBe(true);
  expect(out.already_present + out.queued + out.outside_window + out.erased).toBe(
    out.leads_in_range,
  );
  return out;
}

/** An ISO time `msAgo` ms ago. */
export const since = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

/** The destination's outbox rows. */
export async function outboxRows(destinationId: string) {
  return db().select().from(outbox).where(eq(outbox.destinationId, destinationId)).all();
}

/** The ids of the site's leads. */
export async function leadIds(site: TestSite): Promise<string[]> {
  const rows = await db().select({ id: leads.id }).from(leads).where(eq(leads.siteId, site.id));
  return rows.map((r) => r.id).sort();
}

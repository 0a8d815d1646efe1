/**
 * The rejection log: set-up mistakes the Worker refused (a beacon from an origin the site does
 * not allow, an unknown site key or link code, a signed webhook for an account no site owns),
 * so `GET /api/v1/setup` and `GET /api/v1/sites/diagnostics` can show them with the fix.
 *
 * Cheap and bounded by construction: one upsert per rejection (`ON CONFLICT DO UPDATE SET count =
 * count + 1`, no read first), run after the response (`waitUntil`), one row per (site, kind,
 * detail, hour) with the detail cut to REJECTION_DETAIL_MAX characters, and rows older than
 * REJECTION_RETENTION_DAYS deleted by the hourly cron. Public callers record only after their
 * rate limiter let the request through, so the table grows no faster than the limiter allows.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { RejectionKind } from "./schema";

/** Longest detail kept (an origin, a key, an account id); longer ones are cut. */
export const REJECTION_DETAIL_MAX = 200;
/** Days a rejection row is kept. */
export const REJECTION_RETENTION_DAYS = 7;
const HOUR_MS = 3_600_000;

/** The start of `now`'s hour (Unix ms): the table's time bucket. */
export const rejectionHour = (now: number) => now - (now % HOUR_MS);

const UPSERT = `insert into rejections (site_id, kind, detail, hour, count, last_at)
  values (?1, ?2, ?3, ?4, 1, ?5)
  on conflict (site_id, kind, detail, hour)
  do update set count = count + 1, last_at = max(last_at, excluded.last_at)`;

/** One rejection of `kind` for `siteId` (null: no site known). Never throws. */
export async function recordRejection(
  d1: D1Database,
  kind: RejectionKind,
  siteId: string | null,
  detail: string,
  now = Date.now(),
): Promise<void> {
  try {
    await d1
      .prepare(UPSERT)
      .bind(siteId ?? "", kind, detail.slice(0, REJECTION_DETAIL_MAX), rejectionHour(now), now)
      .run();
  } catch (err) {
    // A diagnostic must never cost the request or the delivery anything.
    console.warn("rejection log: write failed", err);
  }
}

/** Records a rejection after the response (`waitUntil`), off the request's path. */
export function logRejection(
  c: Context<AppEnv>,
  kind: RejectionKind,
  siteId: string | null,
  detail: string,
): void {
  const write = recordRejection(c.env.DB, kind, siteId, detail);
  try {
    c.executionCtx.waitUntil(write);
  } catch {
    // No execution context (app.request in a script): the write simply runs unawaited.
  }
}

/** Deletes rows older than REJECTION_RETENTION_DAYS (run by the hourly cron); returns how many. */
export async function pruneRejections(d1: D1Database, now = Date.now()): Promise<number> {
  const result = await d1
    .prepare("delete from rejections where hour < ?1")
    .bind(rejectionHour(now) - REJECTION_RETENTION_DAYS * 24 * HOUR_MS)
    .run();
  return result.meta.changes;
}

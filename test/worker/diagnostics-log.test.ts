/**
 * The rejection log itself (db/rejections.ts): one row per (site, kind, detail, hour) whose count
 * grows, details cut to their bound, and the hourly cron deleting rows older than 7 days.
 */
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { REJECTION_DETAIL_MAX, recordRejection, rejectionHour } from "../../worker/db/rejections";
import { rejections } from "../../worker/db/schema";
import worker from "../../worker/index";
import { db } from "./helpers";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const rowsOf = (detail: string) =>
  db()
    .select()
    .from(rejections)
    .where(eq(rejections.detail, detail))
    .orderBy(rejections.hour)
    .all();

describe("the rejection log", () => {
  it("counts per hour: one row per hour, its count the rejections in it", async () => {
    const detail = `https://agg-${Date.now()}.test`;
    const h = rejectionHour(Date.now()) - 5 * HOUR;
    for (const at of [h + 1, h + 10 * 60_000, h + HOUR - 1, h + HOUR, h + HOUR + 5])
      await recordRejection(env.DB, "origin_not_allowed", "site_agg", detail, at);
    expect(
      (await rowsOf(detail)).map((r) => ({ hour: r.hour, count: r.count, lastAt: r.lastAt })),
    ).toEqual([
      { hour: h, count: 3, lastAt: h + HOUR - 1 },
      { hour: h + HOUR, count: 2, lastAt: h + HOUR + 5 },
    ]);
  });

  it("keeps a site's rows apart from the site-less ones, and cuts long details", async () => {
    const detail = `k-${Date.now()}-${"x".repeat(500)}`;
    await recordRejection(env.DB, "unknown_site", null, detail);
    await recordRejection(env.DB, "unknown_site", null, detail);
    const cut = detail.slice(0, REJECTION_DETAIL_MAX);
    const rows = await rowsOf(cut);
    expect(rows).toEqual([expect.objectContaining({ siteId: "", count: 2, detail: cut })]);
  });

  it("the hourly cron deletes rows older than 7 days and keeps the rest", async () => {
    const now = Date.now();
    const detail = `prune-${now}`;
    await recordRejection(env.DB, "unknown_site", null, detail, now - 8 * DAY);
    await recordRejection(env.DB, "unknown_site", null, detail, now - 6 * DAY);
    expect(await rowsOf(detail)).toHaveLength(2);
    // A run in the first five minutes of an hour (consent/retention.ts retentionDue).
    const ctx = createExecutionContext();
    const scheduledTime = rejectionHour(now) + 60_000;
    await worker.scheduled(
      createScheduledController({ cron: "*/5 * * * *", scheduledTime }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const left = await db()
      .select({ hour: rejections.hour })
      .from(rejections)
      .where(eq(rejections.detail, detail))
      .all();
    expect(left).toEqual([{ hour: rejectionHour(now - 6 * DAY) }]);
  });
});

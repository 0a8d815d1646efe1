/**
 * `GET /api/v1/stats/realtime` (api/realtime-route.ts): the last 30 minutes per minute — a click,
 * a scan and a conversation of now land in the last minute, a click 31 minutes old in none; one
 * site's key never counts another's; no key is a 401.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { RealtimeJson } from "../../worker/api/realtime-schema";
import { clicks } from "../../worker/db/schema";
import { realtimeWindow } from "../../worker/reporting/realtime-query";
import { api, apiOk, call, click, createSite, db, deliver, message, newPhone } from "./helpers";

describe("GET /api/v1/stats/realtime", () => {
  it("counts this minute's clicks, scans and conversations; older rows and other sites not", async () => {
    const site = await createSite();
    const other = await createSite();
    const ref = await click(site, { utm_source: "google" });
    const scan = await click(site, {});
    await click(site, {});
    const old = await click(site, {});
    await click(other, {});
    await db().update(clicks).set({ placement: "link" }).where(eq(clicks.ref, scan)).run();
    await db()
      .update(clicks)
      .set({ createdAt: Date.now() - 31 * 60_000 })
      .where(eq(clicks.ref, old))
      .run();
    expect((await deliver(site, message({ from: newPhone(), body: `Hi ${ref}` }))).status).toBe(
      200,
    );
    const r = await apiOk<RealtimeJson>(site, "/api/v1/stats/realtime");
    expect(r.minutes).toHaveLength(30);
    expect(r.totals).toEqual({ chat_clicks: 2, scans: 1, conversations: 1 });
    // Everything happened within the last minute or two: no count before minute 27.
    expect(
      r.minutes.slice(0, 27).every((m) => !m.chat_clicks && !m.scans && !m.conversations),
    ).toBe(true);
    const sum = r.minutes.reduce((n, m) => n + m.chat_clicks, 0);
    expect(sum).toBe(2);
    expect(Date.parse(r.to) - Date.parse(r.from)).toBe(30 * 60_000);
    expect(Date.parse(r.to)).toBeGreaterThan(Date.now() - 60_000);
    const theirs = await apiOk<RealtimeJson>(other, "/api/v1/stats/realtime");
    expect(theirs.totals).toEqual({ chat_clicks: 1, scans: 0, conversations: 0 });
  });

  it("refuses a request without a valid key", async () => {
    const site = await createSite();
    expect((await api(site, "/api/v1/stats/realtime", "not-a-key")).status).toBe(401);
    const bare = await call(new Request("https://chatref.test/api/v1/stats/realtime"));
    expect(bare.status).toBe(401);
  });

  it("the window is 30 whole minutes ending with the current one", () => {
    const now = Date.UTC(2026, 11, 5, 20, 41, 17, 500);
    expect(realtimeWindow(now)).toEqual({
      from: Date.UTC(2026, 11, 5, 20, 12),
      to: Date.UTC(2026, 11, 5, 20, 42),
    });
  });
});

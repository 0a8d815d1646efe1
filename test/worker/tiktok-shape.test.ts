/**
 * TikTok Events API (worker/forward/tiktok.ts): the `event/track/` request checked field by field
 * against protocols.md §6.4 [S], the configurable event name, and the leads skipped with their
 * reasons (no ttclid, a click past the 28-day window, backfill).
 */
import { describe, expect, it } from "vitest";
import { e164PhoneHash } from "../../worker/forward/phone-hash";
import { TIKTOK_NO_TTCLID, TIKTOK_TOO_OLD } from "../../worker/forward/tiktok";
import { sha256Hex } from "../../worker/http/sha256";
import {
  expectBackfillWindow,
  expectNoIdAndOldSkipped,
  leadsAged,
  type SkipLeads,
} from "./destination-test-kit";
import { DAY } from "./forward-backfill-helpers";
import { byKind } from "./forward-faults-helpers";
import { apiSend, createDestination, listDeliveries } from "./forward-helpers";
import { createSite } from "./helpers";
import {
  PIXEL,
  siteWithTiktok,
  TIKTOK_BASE,
  TIKTOK_TOKEN,
  tiktokLead,
  tiktokLeadForwarded,
  tracked,
} from "./tiktok-helpers";

/** A lead with another platform's click id only, and one whose ttclid is 29 days old. */
const SKIPPED: SkipLeads = [{ gclid: "gclid-not-tiktok" }, ["ttclid", "ttclid-old"], 29 * DAY];

describe("tiktok: the event/track request", () => {
  it("sends one event per lead in §6.4's shape: token header, ttclid, hashed phone and id, page", async () => {
    const { site, sink } = await siteWithTiktok({
      value: 9.5,
      currency: "EUR",
      test_event_code: "TEST12345",
    });
    const before = Math.floor(Date.now() / 1000);
    const { run, phone, publicId } = await tiktokLeadForwarded(site, {
      ttclid: "E.C.P.test-ttclid_0001",
    });
    expect(run.acked).toHaveLength(1);
    const [req] = await tracked(sink);
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe("/open_api/v1.3/event/track/");
    expect(req?.headers["access-token"]).toBe(TIKTOK_TOKEN);
    expect(req?.headers["content-type"]).toBe("application/json");
    // The token travels in the header only.
    expect(req?.body).not.toContain(TIKTOK_TOKEN);
    const body = req?.json as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ["event_source", "event_source_id", "test_event_code", "data"].sort(),
    );
    expect(body.event_source).toBe("web");
    expect(body.event_source_id).toBe(PIXEL);
    expect(body.test_event_code).toBe("TEST12345");
    const data = body.data as Record<string, unknown>[];
    expect(data).toHaveLength(1);
    const event = data[0] as Record<string, unknown>;
    expect(Object.keys(event).sort()).toEqual(
      ["event", "event_time", "event_id", "user", "properties", "page"].sort(),
    );
    expect(event.event).toBe("Contact");
    expect(event.event_time).toBeGreaterThanOrEqual(before - 1);
    expect(event.event_time).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    const [row] = byKind(await listDeliveries(site), "tiktok");
    expect(event.event_id).toBe(row?.event_id);
    expect(row?.status).toBe("sent");
    // E.164 with `+`, then SHA-256 hex (§5.3's Google rule; TikTok's per public integrations).
    const phoneHash = await e164PhoneHash(phone);
    expect(phoneHash).toMatch(/^[0-9a-f]{64}$/);
    expect(publicId).not.toBe("");
    expect(event.user).toEqual({
      ttclid: "E.C.P.test-ttclid_0001",
      phone: phoneHash,
      external_id: await sha256Hex(publicId),
    });
    expect(event.properties).toEqual({ value: 9.5, currency: "EUR" });
    expect(event.page).toEqual({ url: `${site.origin}/` });
  });

  it("event_name replaces Contact; without value no properties; PATCH changes the name", async () => {
    const { site, sink, dest } = await siteWithTiktok({ event_name: "SubmitForm" });
    await tiktokLeadForwarded(site, { ttclid: "ttclid-name-1" });
    const res = await apiSend(site, "PATCH", `/api/v1/destinations/${dest.id}`, {
      event_name: "Chat Lead_2",
    });
    expect(res.status).toBe(200);
    await tiktokLeadForwarded(site, { ttclid: "ttclid-name-2" });
    const reqs = await tracked(sink);
    const events = reqs.map((r) => (r.json.data as Record<string, unknown>[])[0]);
    expect(events.map((e) => e?.event)).toEqual(["SubmitForm", "Chat Lead_2"]);
    for (const e of events) expect(e?.properties).toEqual({});
    expect(reqs.every((r) => !("test_event_code" in r.json))).toBe(true);
  });
});

describe("tiktok: skipped with the reason", () => {
  it("no ttclid; a click older than 28 days; nothing sent", async () => {
    const made = await siteWithTiktok();
    await expectNoIdAndOldSkipped(made, tiktokLead, SKIPPED, [TIKTOK_NO_TTCLID, TIKTOK_TOO_OLD]);
    expect(TIKTOK_NO_TTCLID).toBe(
      "no ttclid: the lead's visit did not come from a TikTok ad click",
    );
  });

  it("backfill writes leads past the 28-day window skipped with that reason", async () => {
    const site = await createSite();
    await leadsAged(site, "ttclid", [3600, 30 * 24 * 3600]);
    const dest = await createDestination(site, TIKTOK_BASE);
    await expectBackfillWindow(site, dest.id, 40 * DAY, TIKTOK_TOO_OLD);
  });
});

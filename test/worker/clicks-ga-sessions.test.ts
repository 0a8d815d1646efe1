/**
 * The click beacon's `ga_sessions` (GA4 session ids per stream, from the `_ga_<STREAM>` cookies):
 * stored with the click as JSON, bounded like the widget protocol says, absent → null.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clicks } from "../../worker/db/schema";
import { call, clickRequest, createSite, db } from "./helpers";

async function storedSessions(ref: string) {
  const row = await db().select().from(clicks).where(eq(clicks.ref, ref)).get();
  return row?.gaSessions;
}

describe("POST /v1/clicks with ga_sessions", () => {
  it("stores the GA4 session ids with the click", async () => {
    const site = await createSite();
    const ga_sessions = { ABC123: "1732000000", XYZ9: "1732000500" };
    const { ref, request } = clickRequest(site, { ga_client_id: "1.2" }, undefined, {
      ga_sessions,
    });
    const res = await call(request);
    expect(res.status).toBe(201);
    expect(JSON.parse((await storedSessions(ref)) ?? "null")).toEqual(ga_sessions);
  });

  it("stores null without them (or with an empty object)", async () => {
    const site = await createSite();
    const none = clickRequest(site, {});
    expect((await call(none.request)).status).toBe(201);
    expect(await storedSessions(none.ref)).toBeNull();
    const empty = clickRequest(site, {}, undefined, { ga_sessions: {} });
    expect((await call(empty.request)).status).toBe(201);
    expect(await storedSessions(empty.ref)).toBeNull();
  });

  it.each([
    ["a lowercase stream id", { abc123: "1732000000" }],
    ["a stream id over 20 characters", { ["A".repeat(21)]: "1" }],
    ["a non-digit session id", { ABC123: "s1732000000" }],
    ["a session id over 20 digits", { ABC123: "1".repeat(21) }],
    ["a number instead of a string", { ABC123: 1732000000 }],
    ["more than 4 streams", { A1: "1", B2: "2", C3: "3", D4: "4", E5: "5" }],
    ["not an object", "1732000000"],
  ])("rejects %s with 400, writing nothing", async (_, ga_sessions) => {
    const site = await createSite();
    const { ref, request } = clickRequest(site, {}, undefined, { ga_sessions });
    const res = await call(request);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
    expect(await db().select().from(clicks).where(eq(clicks.ref, ref)).all()).toHaveLength(0);
  });
});

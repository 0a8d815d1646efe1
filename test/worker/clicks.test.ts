import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { formatRef, mintRef } from "../../widget/protocol/ref-codec";
import { clicks } from "../../worker/db/schema";
import { CLICK_BODY_MAX } from "../../worker/ingest/click-schema";
import { call, clickRequest, createSite, db } from "./helpers";
import { GOOGLE_SPRING } from "./touch-fixtures";

describe("POST /v1/clicks", () => {
  it("records the visit's touch once per ref (idempotent)", async () => {
    const site = await createSite();
    const touch = { ...GOOGLE_SPRING, gclid: "Cj0KCQ", landing_url: "https://x.test/?a=1" };
    const { ref, request } = clickRequest(site, touch);
    const first = await call(request);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ ref, recorded: true });
    const again = await call(clickRequest(site, { utm_source: "other" }, ref).request);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ref, recorded: false });
    const rows = await db().select().from(clicks).where(eq(clicks.ref, ref)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      siteId: site.id,
      utmSource: "google",
      utmCampaign: "spring",
      gclid: "Cj0KCQ",
      placement: "button",
    });
  });

  it("answers CORS for the site's origin", async () => {
    const site = await createSite();
    const pre = await call(
      new Request("https://chatref.test/v1/clicks", {
        method: "OPTIONS",
        headers: { origin: site.origin, "access-control-request-method": "POST" },
      }),
    );
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(site.origin);
    const res = await call(clickRequest(site, {}).request);
    expect(res.headers.get("access-control-allow-origin")).toBe(site.origin);
  });

  it("rejects an origin the site does not allow, writing nothing", async () => {
    const site = await createSite();
    const { ref, request } = clickRequest(site, {});
    const forged = new Request(request, {
      headers: { "content-type": "text/plain", origin: "https://evil.test" },
    });
    const res = await call(forged);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
    expect(await db().select().from(clicks).where(eq(clicks.ref, ref)).all()).toHaveLength(0);
  });

  it("unknown site → 404 with the error shape", async () => {
    const site = await createSite();
    const res = await call(clickRequest({ ...site, key: "no-such-site" }, {}).request);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: 'Unknown site "no-such-site"' },
    });
  });

  it.each([
    ["not JSON", "{nope", 400, "invalid_json"],
    ["a bad ref", { ref: "ABCDEFGHJK" }, 400, "validation_failed"],
    ["a formatted (non-canonical) ref", { ref: formatRef(mintRef()) }, 400, "validation_failed"],
    ["an unknown field", { surprise: 1 }, 400, "validation_failed"],
    ["an unknown placement", { placement: "banner" }, 400, "validation_failed"],
    [
      "an overlong utm_source",
      { touch: { utm_source: "x".repeat(513) } },
      400,
      "validation_failed",
    ],
    [
      "an overlong landing_url",
      { touch: { landing_url: `https://x.test/${"a".repeat(2048)}` } },
      400,
      "validation_failed",
    ],
  ])("rejects %s", async (_, patch, status, code) => {
    const site = await createSite();
    const base = {
      site: site.key,
      ref: mintRef(),
      placement: "button",
      page_url: "https://x.test/",
      touch: {},
    };
    const body = typeof patch === "string" ? patch : JSON.stringify({ ...base, ...patch });
    const res = await call(
      new Request("https://chatref.test/v1/clicks", {
        method: "POST",
        headers: { origin: site.origin },
        body,
      }),
    );
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
  });

  it("rejects a body over the beacon's byte bound with 413", async () => {
    const site = await createSite();
    const res = await call(
      new Request("https://chatref.test/v1/clicks", {
        method: "POST",
        headers: { origin: site.origin },
        body: "x".repeat(CLICK_BODY_MAX + 1),
      }),
    );
    expect(res.status).toBe(413);
  });
});

/**
 * The beacon's field bounds and its body limit agree (widget/protocol/click-beacon.ts): the
 * largest beacon the widget can build is accepted whole, one code unit more in any field is a
 * 400, and a body over the derived limit is a 413.
 */
import { describe, expect, it } from "vitest";
import {
  AGENT_MAX,
  GA_SESSIONS_MAX,
  LANG_MAX,
  OPTIN_TEXT_MAX,
  TOUCH_FIELDS,
  type Touch,
  touchFieldMax,
  URL_MAX,
} from "../../widget/protocol/click-beacon";
import { optinVersion } from "../../widget/protocol/optin-version";
import { mintRef } from "../../widget/protocol/ref-codec";
import { boundTouch } from "../../widget/touch";
import { CLICK_BODY_MAX } from "../../worker/ingest/click-schema";
import { call, createSite, type TestSite } from "./helpers";

const OPTIN_TEXT = "表".repeat(OPTIN_TEXT_MAX);

/** A touch with every field at its bound: URLs in ASCII, text in 3-byte characters. */
function widestTouch(origin: string, first: boolean): Touch {
  const t: Record<string, string> = {};
  for (const f of TOUCH_FIELDS) {
    const max = touchFieldMax(f, first);
    t[f] =
      f === "referrer" || f === "landing_url"
        ? `${origin}/?q=${"a".repeat(max)}`.slice(0, max)
        : "表".repeat(max);
  }
  return { ...boundTouch(t, first), at: Date.now() };
}

function widest(site: TestSite) {
  return {
    site: site.key,
    ref: mintRef(),
    placement: "qr_panel",
    page_url: `${site.origin}/?q=${"p".repeat(URL_MAX)}`.slice(0, URL_MAX),
    lang: "x".repeat(LANG_MAX),
    touch: widestTouch(site.origin, false),
    first_touch: widestTouch(site.origin, true),
    optin: { state: "granted", v: optinVersion(OPTIN_TEXT), text: OPTIN_TEXT },
    ga_sessions: Object.fromEntries(
      Array.from({ length: GA_SESSIONS_MAX }, (_, i) => [`S${i}${"0".repeat(18)}`, "9".repeat(20)]),
    ),
    number: "9".repeat(15),
    agent: "表".repeat(AGENT_MAX),
  };
}

const post = (site: TestSite, body: string) =>
  call(
    new Request("https://chatref.test/v1/clicks", {
      method: "POST",
      headers: { "content-type": "text/plain", origin: site.origin },
      body,
    }),
  );

describe("beacon bounds", () => {
  it("accepts the widest beacon, whose bytes fit the body limit with little to spare", async () => {
    const site = await createSite();
    const body = JSON.stringify(widest(site));
    const bytes = new TextEncoder().encode(body).byteLength;
    expect(bytes).toBeLessThanOrEqual(CLICK_BODY_MAX);
    // The limit is derived from the bounds, not a round number far above them.
    expect(bytes).toBeGreaterThan(CLICK_BODY_MAX * 0.9);
    const res = await post(site, body);
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it("a field one past its bound is a 400", async () => {
    const site = await createSite();
    for (const field of ["utm_source", "fbclid", "ga_client_id", "referrer"] as const) {
      const b = widest(site);
      (b.touch as Record<string, string>)[field] = "y".repeat(touchFieldMax(field) + 1);
      expect((await post(site, JSON.stringify(b))).status, field).toBe(400);
    }
    const first = widest(site);
    (first.first_touch as Record<string, string>).landing_url =
      `https://x.test/${"z".repeat(touchFieldMax("landing_url", true))}`;
    expect((await post(site, JSON.stringify(first))).status).toBe(400);
  });

  it("a body past the limit is a 413 even when it is valid JSON", async () => {
    const site = await createSite();
    const body = JSON.stringify({ ...widest(site), pad: " ".repeat(CLICK_BODY_MAX) });
    expect((await post(site, body)).status).toBe(413);
  });
});

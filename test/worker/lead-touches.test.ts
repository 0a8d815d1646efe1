import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { touchPathQuery } from "../../worker/api/lead-touches";
import ctwaFixture from "../fixtures/whatsapp-ctwa-referral.json?raw";
import { api, click, createSite, db, deliver, message, newPhone, type TestSite } from "./helpers";
import { GOOGLE_SPRING } from "./touch-fixtures";

type Touch = {
  kind: string;
  at: string;
  ref: string | null;
  placement: string | null;
  link_id: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  source: string | null;
  medium: string | null;
  landing_page: string | null;
  channel?: string;
};
type Lead = { id: string; contact: { wa_id: string }; touches?: Touch[] };

const list = async (site: TestSite, q = "") =>
  (await (await api(site, `/api/v1/leads${q}`)).json()) as { data: Lead[] };

/** A lead whose path is google/cpc, then newsletter/email (delivered out of order). */
async function twoTouchLead(site: TestSite) {
  const first = await click(site, GOOGLE_SPRING);
  const second = await click(site, { utm_source: "newsletter", utm_medium: "email" });
  const phone = newPhone();
  const t0 = Math.floor(Date.now() / 1000) - 120;
  // The later message arrives first: the path is still in the order the messages were sent.
  await deliver(site, message({ from: phone, body: formatRef(second), timestamp: t0 + 60 }));
  await deliver(site, message({ from: phone, body: `hi ${formatRef(first)}`, timestamp: t0 }));
  return { first, second, phone, t0 };
}

describe("lead touch paths", () => {
  it("GET /leads/:id lists the touches oldest first, each with its documented fields", async () => {
    const site = await createSite();
    const { first, second, phone, t0 } = await twoTouchLead(site);
    const lead = (await list(site)).data.find((l) => l.contact.wa_id === phone);
    expect(lead).toBeDefined();
    expect(lead?.touches).toBeUndefined();
    const one = (await (await api(site, `/api/v1/leads/${lead?.id}`)).json()) as Lead;
    expect(one.touches).toEqual([
      {
        kind: "ref",
        at: new Date(t0 * 1000).toISOString(),
        ref: first,
        placement: "button",
        link_id: null,
        utm_source: "google",
        utm_medium: "cpc",
        utm_campaign: "spring",
        source: "google",
        medium: "cpc",
        landing_page: expect.any(String),
        channel: "Paid Search",
      },
      {
        kind: "ref",
        at: new Date((t0 + 60) * 1000).toISOString(),
        ref: second,
        placement: "button",
        link_id: null,
        utm_source: "newsletter",
        utm_medium: "email",
        utm_campaign: null,
        source: "newsletter",
        medium: "email",
        landing_page: expect.any(String),
        channel: "Email",
      },
    ]);
    expect(one).toEqual({ ...lead, touches: one.touches });
  });

  it("include=touches adds the path of every lead of the page; none and ctwa leads too", async () => {
    const site = await createSite();
    const { phone } = await twoTouchLead(site);
    const plain = newPhone();
    await deliver(site, message({ from: plain, body: "hello" }));
    const ad = newPhone();
    const official = JSON.parse(ctwaFixture).entry[0].changes[0].value.messages[0];
    await deliver(site, message({ from: ad, body: "hi", referral: official.referral }));
    const page = await list(site, "?include=touches");
    const by = (p: string) => page.data.find((l) => l.contact.wa_id === p)?.touches;
    expect(by(phone)?.map((t) => t.utm_source)).toEqual(["google", "newsletter"]);
    expect(by(plain)).toEqual([]);
    expect(by(ad)).toEqual([
      expect.objectContaining({
        kind: "ctwa",
        ref: null,
        source: "meta",
        medium: "ctwa",
        channel: "Paid Social",
      }),
    ]);
    // The same paths as the single-lead route.
    for (const l of page.data) {
      const one = (await (await api(site, `/api/v1/leads/${l.id}`)).json()) as Lead;
      expect(one.touches).toEqual(l.touches);
    }
    // A page of 200 ids is one JSON parameter, not 200 bound ids (D1 binds at most 100).
    const ids = Array.from({ length: 200 }, (_, i) => `lead_${i}`);
    expect(touchPathQuery(db(), site.id, ids).toSQL().params.length).toBeLessThan(5);
  });

  it("tenant isolation: another site's key sees neither the lead nor its touches", async () => {
    const a = await createSite();
    const b = await createSite();
    const { phone } = await twoTouchLead(a);
    const lead = (await list(a)).data.find((l) => l.contact.wa_id === phone);
    expect((await api(b, `/api/v1/leads/${lead?.id}`)).status).toBe(404);
    expect((await list(b, "?include=touches")).data).toEqual([]);
    // Even asked with the other site's lead id, the path query returns nothing.
    const rows = await touchPathQuery(db(), b.id, [lead?.id ?? ""]).all();
    expect(rows).toEqual([]);
    expect(await touchPathQuery(db(), a.id, [lead?.id ?? ""]).all()).toHaveLength(2);
  });

  it("include is validated: only 'touches'", async () => {
    const site = await createSite();
    for (const q of ["include=", "include=touch", "include=touches,contact", "include=TOUCHES"]) {
      const res = await api(site, `/api/v1/leads?${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
    }
    expect((await api(site, "/api/v1/leads?include=touches")).status).toBe(200);
  });

  it("query plan: the page's ids are looked up on touches_lead_idx", async () => {
    const q = touchPathQuery(db(), "site_x", ["lead_a", "lead_b"]).toSQL();
    const plan = await env.DB.prepare(`explain query plan ${q.sql}`)
      .bind(...q.params)
      .all<{ detail: string }>();
    const text = plan.results.map((r) => r.detail).join("\n");
    expect(text).toMatch(/touches USING INDEX touches_lead_idx \(lead_id=\?\)/);
    expect(text).not.toMatch(/^SCAN touches\b(?!.*INDEX)/m);
  });
});

/** A site's consent keywords and click retention, set through the admin API and then in effect. */
import { describe, expect, it } from "vitest";
import { contactOf, eventsOf } from "./consent-helpers";
import { call, createSite, deliver, message, newPhone } from "./helpers";

const patchSite = (id: string, body: unknown) =>
  call(
    new Request(`https://chatref.test/api/v1/sites/${id}`, {
      method: "PATCH",
      headers: { authorization: "Bearer test-admin-token", "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

describe("PATCH /api/v1/sites/:id consent settings", () => {
  it("extra keywords apply to the site's next messages; the default lists still do", async () => {
    const site = await createSite();
    const res = await patchSite(site.id, {
      consent_keywords: { opt_out: ["chega de promoções"], opt_in: ["quero ofertas"] },
      click_retention_days: 30,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      consent_keywords: { opt_out: ["chega de promoções"], opt_in: ["quero ofertas"] },
      click_retention_days: 30,
    });
    const phone = newPhone();
    const t0 = Math.floor(Date.now() / 1000);
    await deliver(site, message({ from: phone, body: "Chega de promoções!", timestamp: t0 }));
    await deliver(site, message({ from: phone, body: "quero ofertas", timestamp: t0 + 10 }));
    await deliver(site, message({ from: phone, body: "STOP", timestamp: t0 + 20 }));
    const contact = await contactOf(site, phone);
    const events = await eventsOf(contact?.id ?? -1);
    expect(events.map((e) => [e.status, e.source])).toEqual([
      ["opted_out", "keyword"],
      ["opted_in", "keyword"],
      ["opted_out", "keyword"],
    ]);
  });

  it("rejects bad settings with a 400 and clears them with null", async () => {
    const site = await createSite();
    for (const bad of [
      { consent_keywords: { opt_out: [""] } },
      { click_retention_days: 0 },
      { consent_keywords: { stop: [] } },
    ]) {
      expect((await patchSite(site.id, bad)).status).toBe(400);
    }
    const cleared = await patchSite(site.id, {
      consent_keywords: null,
      click_retention_days: null,
    });
    expect(await cleared.json()).toMatchObject({
      consent_keywords: null,
      click_retention_days: null,
    });
  });
});

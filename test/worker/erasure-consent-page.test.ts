/**
 * Erasure strips the visit's identifiers from the consent ledger too (consent/erase.ts): a widget
 * opt-in keeps the page it was given on, but not that page's query, which carries click ids
 * (gclid, fbclid …) as the click's own URLs do. The event, its text version and its time stay.
 */
import { describe, expect, it } from "vitest";
import { optinVersion } from "../../widget/protocol/optin-version";
import { message } from "../support/whatsapp-envelope";
import { contactOf, eventsOf, findEverywhere } from "./consent-helpers";
import { apiSend } from "./forward-helpers";
import { call, clickRequest, createSite, deliver, newPhone } from "./helpers";

const TEXT = "Yes, Shop may send me offers on WhatsApp.";

describe("erasure and the consent ledger", () => {
  it("keeps a widget opt-in's page without the query that names the visit", async () => {
    const site = await createSite();
    const phone = newPhone();
    const gclid = "gclid-optin-page-erase-1";
    const page = `${site.origin}/offer?utm_source=google&gclid=${gclid}`;
    const optin = { state: "granted", v: optinVersion(TEXT), text: TEXT };
    const { ref, request } = clickRequest(site, { utm_source: "google", gclid }, undefined, {
      optin,
      page_url: page,
    });
    expect((await call(request)).status).toBe(201);
    await deliver(site, message({ from: phone, body: `Hi (Ref: ${ref})` }));
    const contact = await contactOf(site, phone);
    expect((await eventsOf(contact?.id ?? -1))[0]?.pageUrl).toBe(page);
    const erased = await apiSend(site, "DELETE", `/api/v1/contacts/${contact?.publicId}`);
    expect(erased.status).toBe(200);
    expect(await findEverywhere(gclid)).toEqual([]);
    const [event] = await eventsOf(contact?.id ?? -1);
    expect(event).toMatchObject({ source: "widget", pageUrl: `${site.origin}/offer` });
  });
});

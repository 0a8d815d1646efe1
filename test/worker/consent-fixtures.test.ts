import { describe, expect, it } from "vitest";
import { parseWhatsAppDelivery } from "../../worker/adapters/whatsapp/payload";
import interactiveFixture from "../fixtures/whatsapp-interactive-button-reply.json?raw";
import buttonFixture from "../fixtures/whatsapp-template-button-reply.json?raw";
import prefsFixture from "../fixtures/whatsapp-user-preferences.json?raw";
import { contactOf, eventsOf } from "./consent-helpers";
import { call, createSite, webhookRequest } from "./helpers";

/** A fixture re-addressed to a test site's number. */
const forSite = (raw: string, phoneNumberId: string) =>
  raw.replace(/"phone_number_id": "\d+"/, `"phone_number_id": "${phoneNumberId}"`);

describe("Meta's published consent payloads", () => {
  it("parses user_preferences (integer timestamp) and template button payloads", () => {
    const prefs = parseWhatsAppDelivery(JSON.parse(prefsFixture));
    expect(prefs?.preferences).toEqual([
      {
        phoneNumberId: "106540352242922",
        waId: "16505551234",
        userId: null,
        parentUserId: null,
        username: null,
        name: null,
        value: "resume",
        at: 1731705721000,
        detail: "User requested to resume marketing messages",
      },
    ]);
    const button = parseWhatsAppDelivery(JSON.parse(buttonFixture));
    expect(button?.messages[0]).toMatchObject({
      type: "button",
      buttonPayload: "Unsubscribe",
      text: "Unsubscribe",
    });
  });

  it("parses an interactive button_reply: its id as the payload, its title as the text", () => {
    const parsed = parseWhatsAppDelivery(JSON.parse(interactiveFixture));
    expect(parsed?.messages[0]).toMatchObject({
      type: "interactive",
      buttonPayload: "cancel-button",
      text: "Cancel",
    });
  });

  it("an interactive reply whose id and title are no keywords records nothing", async () => {
    const site = await createSite();
    await call(await webhookRequest(forSite(interactiveFixture, site.phoneNumberId)));
    const contact = await contactOf(site, "16505551234");
    expect(contact).toMatchObject({ marketingStatus: null });
    expect(await eventsOf(contact?.id ?? -1)).toEqual([]);
    // The same reply titled "STOP" opts out.
    const stop = forSite(interactiveFixture, site.phoneNumberId)
      .replace('"title": "Cancel"', '"title": "STOP"')
      .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQz", "wamid.stop");
    await call(await webhookRequest(stop));
    expect((await contactOf(site, "16505551234"))?.marketingStatus).toBe("opted_out");
  });

  it("records them end to end through the signed webhook", async () => {
    const site = await createSite();
    await call(await webhookRequest(forSite(buttonFixture, site.phoneNumberId)));
    await call(await webhookRequest(forSite(prefsFixture, site.phoneNumberId)));
    const contact = await contactOf(site, "16505551234");
    const events = await eventsOf(contact?.id ?? -1);
    // The resume (2024-11-15) is older than the Unsubscribe tap (2025-06-16): opted_out stands.
    expect(events.map((e) => [e.source, e.status])).toEqual([
      ["user_preferences", "opted_in"],
      ["button", "opted_out"],
    ]);
    expect(contact?.marketingStatus).toBe("opted_out");
  });
});

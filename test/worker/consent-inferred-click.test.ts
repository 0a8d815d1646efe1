/**
 * An inferred click's opt-in box is not the contact's evidence (consent/statements.ts): only the
 * clicks whose refs the message itself carries give a widget opt-in. A click bound by inference
 * (a guess, which may be someone else's visit) stays no one's consent, even when the contact later
 * writes a ref of another click.
 */
import { describe, expect, it } from "vitest";
import { message } from "../support/whatsapp-envelope";
import { contactOf, eventsOf, registerText, tickedClick } from "./consent-helpers";
import { click, createSite, deliver, leadRowsOf, newPhone } from "./helpers";

const GREETING = "Hello! I'd like to know more.";
const TEXT = "Yes, Shop may send me offers on WhatsApp.";

describe("widget opt-ins come from the message's own refs", () => {
  it("a ticked box on an inferred click is never recorded, even once a ref arrives later", async () => {
    const site = await createSite();
    expect((await registerText(site, TEXT)).status).toBe(201);
    await tickedClick(site, TEXT, { utm_source: "google" });
    const phone = newPhone();
    const now = Math.floor(Date.now() / 1000);
    // The ref was deleted from the greeting: the ticked click is inferred, not matched.
    await deliver(site, message({ from: phone, body: `${GREETING} (Ref: )`, timestamp: now + 20 }));
    expect((await leadRowsOf(site.id))[0]?.attribution).toBe("inferred");
    const contact = await contactOf(site, phone);
    expect(await eventsOf(contact?.id ?? -1)).toEqual([]);
    // Later the same person taps again, box unticked, and sends that click's ref.
    const again = await click(site, { utm_source: "newsletter" });
    await deliver(site, message({ from: phone, body: `Hi (Ref: ${again})`, timestamp: now + 60 }));
    expect(await eventsOf(contact?.id ?? -1)).toEqual([]);
    expect((await contactOf(site, phone))?.marketingStatus).toBeNull();
  });
});

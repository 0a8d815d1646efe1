/**
 * Twilio forms from a username user (protocols.md §1.11): WhatsApp withholds the phone and Twilio
 * writes the business-scoped user id in `From` (`whatsapp:US.…`). The message is that person's —
 * its ref attributes the lead, the contact is found by the BSUID — and erasure finds the BSUID in
 * the stored form.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts } from "../../worker/db/schema";
import { findEverywhere } from "./consent-helpers";
import { apiSend } from "./forward-helpers";
import { click, db, leadRowsOf } from "./helpers";
import { newUserId } from "./identity-helpers";
import { sendTwilio, siteWithTwilio, storedFor, twilioForm } from "./twilio-helpers";

/** A form from the username user `userId` (no phone, no WaId). */
function bsuidForm(conn: Parameters<typeof twilioForm>[0], userId: string, body: string) {
  const { WaId: _, ...form } = twilioForm(conn, "0", body, { ProfileName: "Ilse" });
  return { ...form, From: `whatsapp:${userId}` };
}

describe("Twilio forms from a username user", () => {
  it("attribute the ref to one contact found by the BSUID; erasure leaves the BSUID nowhere", async () => {
    const { site, conn } = await siteWithTwilio();
    const userId = newUserId();
    const ref = await click(site, { utm_source: "google", utm_medium: "cpc" });
    expect((await sendTwilio(conn, bsuidForm(conn, userId, `Hi! (Ref: ${ref})`))).status).toBe(200);
    expect((await sendTwilio(conn, bsuidForm(conn, userId, "Still there?"))).status).toBe(200);
    const people = await db().select().from(contacts).where(eq(contacts.siteId, site.id)).all();
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ userId, waId: null });
    const leads = await leadRowsOf(site.id);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ attribution: "ref", provider: "twilio" });
    expect(await storedFor(conn.to)).toHaveLength(2);
    const erased = await apiSend(site, "DELETE", `/api/v1/contacts/${people[0]?.publicId}`);
    expect(erased.status).toBe(200);
    expect(await findEverywhere(userId, "Ilse")).toEqual([]);
  });

  it("a From that is neither a phone nor a BSUID is still skipped", async () => {
    const { site, conn } = await siteWithTwilio();
    for (const from of ["whatsapp:erased", "whatsapp:us.123", "messenger:US.123", "US.1234567"]) {
      const form = { ...bsuidForm(conn, newUserId(), "Hello"), From: from };
      expect((await sendTwilio(conn, form)).status).toBe(200);
    }
    expect(await db().select().from(contacts).where(eq(contacts.siteId, site.id)).all()).toEqual(
      [],
    );
  });
});

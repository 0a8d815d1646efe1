import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts } from "../../worker/db/schema";
import { contactOf, deliverPreference } from "./consent-helpers";
import { api, createSite, db, deliver, message, newPhone } from "./helpers";

describe("GET /api/v1/consents", () => {
  it("lists current statuses, filtered by status and date; CSV is formula-safe", async () => {
    const site = await createSite();
    const a = newPhone();
    const b = newPhone();
    const ts = Math.floor(Date.UTC(2026, 9, 10, 12) / 1000);
    await deliver(site, message({ from: a, body: "hi" }));
    // A name a spreadsheet would run as a formula.
    await db()
      .update(contacts)
      .set({ name: '=HYPERLINK("x")' })
      .where(and(eq(contacts.siteId, site.id), eq(contacts.waId, a)))
      .run();
    await deliverPreference(site, a, "resume", ts);
    await deliverPreference(site, b, "stop", ts + 86_400);
    const all = (await (await api(site, "/api/v1/consents")).json()) as {
      data: { contact_id: string; status: string; wa_id: string }[];
    };
    expect(all.data.map((d) => [d.wa_id, d.status])).toEqual([
      [b, "opted_out"],
      [a, "opted_in"],
    ]);
    const ins = (await (await api(site, "/api/v1/consents?status=opted_in")).json()) as {
      data: { wa_id: string }[];
    };
    expect(ins.data.map((d) => d.wa_id)).toEqual([a]);
    const dated = (await (
      await api(site, "/api/v1/consents?from=2026-10-11&to=2026-10-12")
    ).json()) as { data: { wa_id: string }[] };
    expect(dated.data.map((d) => d.wa_id)).toEqual([b]);

    const csv = await api(site, "/api/v1/consents?format=csv&status=opted_in");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    const contact = await contactOf(site, a);
    expect(text).toBe(
      `"contact_id","wa_id","name","status","since"\r\n"${contact?.publicId}","${a}","'=HYPERLINK(""x"")","opted_in","2026-10-10T12:00:00.000Z"\r\n`,
    );
  });

  it("400 on a bad filter, 401 without a key, another tenant sees nothing", async () => {
    const site = await createSite();
    const phone = newPhone();
    await deliverPreference(site, phone, "stop", Math.floor(Date.now() / 1000));
    expect((await api(site, "/api/v1/consents?status=maybe")).status).toBe(400);
    expect((await api(site, `/api/v1/consents?from=${"9".repeat(300)}`)).status).toBe(400);
    expect((await api(site, "/api/v1/consents", "wrong")).status).toBe(401);
    const other = await createSite();
    const res = (await (await api(other, "/api/v1/consents")).json()) as { data: unknown[] };
    expect(res.data).toEqual([]);
    const contact = await contactOf(site, phone);
    expect((await api(other, `/api/v1/contacts/${contact?.publicId}`)).status).toBe(404);
    expect((await api(site, `/api/v1/contacts/${contact?.publicId}`)).status).toBe(200);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SYNC_SETTLE_MS } from "../../worker/api/leads-route";
import { contacts, leads } from "../../worker/db/schema";
import { api, apiOk, createSite, db, deliver, message, newPhone, type TestSite } from "./helpers";

type SyncPage = {
  data: { id: string; contact: { wa_id: string } }[];
  next_cursor: string;
  has_more: boolean;
};

async function leadIdOf(phone: string) {
  const c = await db().select().from(contacts).where(eq(contacts.waId, phone)).get();
  return (
    (
      await db()
        .select()
        .from(leads)
        .where(eq(leads.contactId, c?.id ?? -1))
        .get()
    )?.id ?? ""
  );
}

/** Sets a lead's updated_at, as if it had last changed at `at` (ms). */
const touchLead = (id: string, at: number) =>
  db().update(leads).set({ updatedAt: at }).where(eq(leads.id, id)).run();

const sync = (site: TestSite, query: string) => apiOk<SyncPage>(site, `/api/v1/leads?${query}`);

describe("GET /api/v1/leads?updated_since= (incremental sync)", () => {
  it("pages in change order, then resumes from the stored cursor with only what changed", async () => {
    const site = await createSite();
    const phones = [newPhone(), newPhone(), newPhone(), newPhone()];
    for (const p of phones) await deliver(site, message({ from: p, body: "hi" }));
    const ids = await Promise.all(phones.map(leadIdOf));
    const t0 = Date.parse("2026-03-01T00:00:00Z");
    // Changed in this order: lead 2, lead 0, lead 3, lead 1.
    for (const [i, order] of [2, 0, 3, 1].entries())
      await touchLead(ids[order] as string, t0 + i * 1000);

    const first = await sync(site, "updated_since=2026-03-01&limit=3");
    expect(first.data.map((l) => l.id)).toEqual([ids[2], ids[0], ids[3]]);
    expect(first.has_more).toBe(true);
    const second = await sync(site, `cursor=${first.next_cursor}&limit=3`);
    expect(second.data.map((l) => l.id)).toEqual([ids[1]]);
    expect(second.has_more).toBe(false);
    const idle = await sync(site, `cursor=${second.next_cursor}`);
    expect(idle.data).toEqual([]);
    expect(idle.next_cursor).toBe(second.next_cursor);

    // Lead 0 changes again: the stored cursor yields exactly it.
    await touchLead(ids[0] as string, t0 + 10_000);
    const later = await sync(site, `cursor=${second.next_cursor}`);
    expect(later.data.map((l) => l.id)).toEqual([ids[0]]);
  });

  it("holds back leads changed within the settle window", async () => {
    const site = await createSite();
    const phone = newPhone();
    await deliver(site, message({ from: phone, body: "hi" }));
    const id = await leadIdOf(phone);
    expect((await sync(site, "updated_since=2020-01-01")).data).toEqual([]);
    await touchLead(id, Date.now() - SYNC_SETTLE_MS - 1000);
    expect((await sync(site, "updated_since=2020-01-01")).data.map((l) => l.id)).toEqual([id]);
  });

  it("never returns another site's leads; rejects mixing updated_since with a cursor", async () => {
    const a = await createSite();
    const b = await createSite();
    const phone = newPhone();
    await deliver(a, message({ from: phone, body: "hi" }));
    await touchLead(await leadIdOf(phone), Date.now() - 60_000);
    expect((await sync(b, "updated_since=2020-01-01")).data).toEqual([]);
    const page = await sync(a, "updated_since=2020-01-01");
    expect(page.data).toHaveLength(1);
    const both = await api(a, `/api/v1/leads?updated_since=2020-01-01&cursor=${page.next_cursor}`);
    expect(both.status).toBe(400);
    expect((await api(a, "/api/v1/leads?updated_since=last-week")).status).toBe(400);
  });

  it("refuses the listing's filters rather than ignore them", async () => {
    const site = await createSite();
    for (const filter of [
      "attribution=ref",
      "inferred=exclude",
      "chat_app=telegram",
      "from=2026-01-01",
      "source=google",
    ]) {
      const res = await api(site, `/api/v1/leads?updated_since=2020-01-01&${filter}`);
      expect(res.status, filter).toBe(400);
      const { error } = (await res.json()) as { error: { message: string } };
      expect(error.message, filter).toContain(`incremental sync: ${filter.split("=")[0]}`);
    }
    expect(
      (await api(site, "/api/v1/leads?updated_since=2020-01-01&inferred=include")).status,
    ).toBe(200);
  });
});

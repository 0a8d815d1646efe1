import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { TOUCH_FIELDS } from "../../widget/protocol/click-beacon";
import { formatRef } from "../../widget/protocol/ref-codec";
import { contacts, leads } from "../../worker/db/schema";
import { api, click, createSite, db, deliver, leadRowsOf, message, newPhone } from "./helpers";

type Page = {
  data: { id: string; created_at: string; contact: { wa_id: string } }[];
  next_cursor: string | null;
};

async function seedLeads(n: number) {
  const site = await createSite();
  const phones: string[] = [];
  for (let i = 0; i < n; i++) {
    const phone = newPhone();
    phones.push(phone);
    await deliver(site, message({ from: phone, body: `hello ${i}` }));
  }
  return { site, phones };
}

describe("GET /api/v1/leads", () => {
  it("401 without a key, with a wrong key, with a malformed header", async () => {
    const site = await createSite();
    for (const key of ["", "nope"]) {
      const res = await api(site, "/api/v1/leads", key);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("returns the lead JSON with every documented field", async () => {
    const site = await createSite();
    const touch = {
      utm_source: "fb",
      utm_medium: "paid_social",
      fbclid: "IwAR0xYz",
      fbp: "fb.1.1596403881668.1116446470",
      ga_client_id: "123.456",
    };
    const ref = await click(site, touch);
    const phone = newPhone();
    const sent = Math.floor(Date.now() / 1000) - 10;
    await deliver(site, message({ from: phone, body: formatRef(ref), timestamp: sent }));
    const page = (await (await api(site, "/api/v1/leads")).json()) as {
      data: Record<string, unknown>[];
    };
    const lead = page.data[0] as Record<string, unknown>;
    expect(Object.keys(lead).sort()).toEqual([
      "attribution",
      "channel",
      "consent",
      "contact",
      "created_at",
      "first_message_at",
      "id",
      "outcome",
      "provider",
      "ref",
      "touch",
    ]);
    expect(lead).toMatchObject({
      channel: "whatsapp",
      provider: "whatsapp",
      attribution: "ref",
      ref,
      contact: { wa_id: phone, name: `Name ${phone}` },
      first_message_at: new Date(sent * 1000).toISOString(),
    });
    expect(Object.keys(lead.touch as object)).toEqual([
      ...TOUCH_FIELDS,
      "placement",
      "link_id",
      "number",
      "agent",
    ]);
    expect(lead.touch).toMatchObject(touch);
    const one = await api(site, `/api/v1/leads/${lead.id}`);
    expect(one.status).toBe(200);
    // The single lead also carries its touch path (worker/api/lead-touches.ts).
    expect(await one.json()).toEqual({
      ...lead,
      touches: [expect.objectContaining({ kind: "ref", ref })],
    });
  });

  it("pages newest first with an opaque cursor, no gaps or repeats", async () => {
    const { site, phones } = await seedLeads(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = (await (await api(site, `/api/v1/leads?limit=3${q}`)).json()) as Page;
      seen.push(...page.data.map((l) => l.contact.wa_id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual([...phones].sort());
    // Newest first: the same order as (created_at, id) descending in the table.
    const ordered = await db()
      .select()
      .from(leads)
      .where(eq(leads.siteId, site.id))
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .all();
    const waIds = await Promise.all(
      ordered.map(
        async (l) =>
          (await db().select().from(contacts).where(eq(contacts.id, l.contactId)).get())?.waId,
      ),
    );
    expect(seen).toEqual(waIds);
  });

  it("filters by date range on created_at", async () => {
    const { site } = await seedLeads(3);
    const all = await leadRowsOf(site.id);
    // Spread the leads over three days to filter on.
    const days = ["2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z"];
    for (const [i, row] of all.entries()) {
      await db()
        .update(leads)
        .set({ createdAt: Date.parse(days[i] as string) })
        .where(eq(leads.id, row.id))
        .run();
    }
    const ids = async (q: string) =>
      ((await (await api(site, `/api/v1/leads?${q}`)).json()) as Page).data.map(
        (l) => l.created_at,
      );
    expect(await ids("from=2026-01-02")).toEqual([
      "2026-01-03T10:00:00.000Z",
      "2026-01-02T10:00:00.000Z",
    ]);
    expect(await ids("to=2026-01-02")).toEqual(["2026-01-01T10:00:00.000Z"]);
    expect(await ids("from=2026-01-02T00:00:00Z&to=2026-01-03T00:00:00Z")).toEqual([
      "2026-01-02T10:00:00.000Z",
    ]);
  });

  it.each([
    ["limit=0"],
    ["limit=201"],
    ["limit=abc"],
    ["from=yesterday"],
    ["cursor=%%%"],
    ["cursor=WzEsMl0"],
    ["unknown=1"],
  ])("400 for %s", async (q) => {
    const site = await createSite();
    const res = await api(site, `/api/v1/leads?${q}`);
    expect(res.status).toBe(400);
    expect((await res.json()) as object).toHaveProperty("error.code");
  });

  it("a key of one site cannot read another site's leads", async () => {
    const { site: a, phones } = await seedLeads(2);
    const b = await createSite();
    const listB = (await (await api(b, "/api/v1/leads")).json()) as Page;
    expect(listB.data).toEqual([]);
    const listA = (await (await api(a, "/api/v1/leads")).json()) as Page;
    expect(listA.data.map((l) => l.contact.wa_id).sort()).toEqual([...phones].sort());
    const foreign = listA.data[0]?.id;
    const res = await api(b, `/api/v1/leads/${foreign}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});

describe("errors", () => {
  it("unknown routes answer the JSON error shape", async () => {
    const site = await createSite();
    const res = await api(site, "/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: "No route for GET /api/v1/nothing-here" },
    });
  });
});

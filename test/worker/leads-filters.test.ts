/**
 * `GET /api/v1/leads` with the stats' exact-match filters (channel, source, medium, campaign,
 * placement, link_id) on the lead's first or last touch: the leads listed are exactly the
 * conversations `GET /api/v1/stats` counts for the same filters and touch model.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { api, apiOk, createSite, type TestSite } from "./helpers";
import { seedSiteStory } from "./site-story";

interface Page {
  data: { id: string; contact: { wa_id: string } }[];
  next_cursor: string | null;
}

/** The site story of site-story.ts (P1 to P4). */
let site: TestSite;
let linkId: string;
let phone: Awaited<ReturnType<typeof seedSiteStory>>["phone"];
beforeAll(async () => {
  site = await createSite();
  ({ linkId, phone } = await seedSiteStory(site));
});

async function leadsOf(query: string): Promise<string[]> {
  const page = await apiOk<Page>(site, `/api/v1/leads?${query}`);
  return page.data.map((l) => l.contact.wa_id).sort();
}

describe("GET /api/v1/leads filters", () => {
  it("match the lead's first touch by default", async () => {
    expect(await leadsOf("")).toEqual(Object.values(phone).sort());
    expect(await leadsOf("channel=Paid+Search")).toEqual([phone.p1]);
    expect(await leadsOf("source=google&medium=cpc&campaign=spring")).toEqual([phone.p1]);
    expect(await leadsOf("channel=Email")).toEqual([]);
    expect(await leadsOf("placement=button")).toEqual([phone.p1]);
    expect(await leadsOf(`link_id=${linkId}`)).toEqual([phone.p2]);
    expect(await leadsOf("placement=link&source=poster")).toEqual([phone.p2]);
    // A Click-to-WhatsApp lead is Paid Social from meta / ctwa, as in the stats.
    expect(await leadsOf("channel=Paid+Social")).toEqual([phone.p3]);
    expect(await leadsOf("source=meta&medium=ctwa")).toEqual([phone.p3]);
    // Exact values only: no prefix or case-insensitive match.
    expect(await leadsOf("channel=Paid")).toEqual([]);
    expect(await leadsOf("channel=paid+search")).toEqual([]);
  });

  it("touch=last matches the latest matched ref or ad", async () => {
    expect(await leadsOf("touch=last&channel=Paid+Search")).toEqual([]);
    expect(await leadsOf("touch=last&channel=Email")).toEqual([phone.p1]);
    expect(await leadsOf("touch=last&campaign=november&placement=qr_panel")).toEqual([phone.p1]);
    expect(await leadsOf("touch=last&channel=Paid+Social")).toEqual([phone.p3]);
  });

  it("list exactly the conversations the stats count for the same filters", async () => {
    const queries = [
      "channel=Paid+Search",
      "channel=Email",
      "channel=Paid+Social",
      "source=google&medium=cpc",
      "campaign=november",
      "placement=link",
      `link_id=${linkId}`,
    ];
    for (const touch of ["first", "last"])
      for (const q of queries) {
        const res = await api(site, `/api/v1/stats?${q}&touch=${touch}`);
        const stats = (await res.json()) as { kpis: { conversations: number } };
        expect((await leadsOf(`${q}&touch=${touch}`)).length, `${touch} ${q}`).toBe(
          stats.kpis.conversations,
        );
      }
  });

  it("combine with the period and pages", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await leadsOf(`channel=Paid+Search&from=${tomorrow}`)).toEqual([]);
    expect(await leadsOf(`channel=Paid+Search&to=${tomorrow}`)).toEqual([phone.p1]);
    const first = await api(site, "/api/v1/leads?placement=link&limit=1");
    expect(((await first.json()) as Page).next_cursor).toBeNull();
  });

  it.each([
    ["touch=middle"],
    ["channel="],
    [`source=${"x".repeat(513)}`],
    ["updated_since=2026-01-01&channel=Email"],
  ])("400 for %s", async (q) => {
    const res = await api(site, `/api/v1/leads?${q}`);
    expect(res.status).toBe(400);
    expect((await res.json()) as object).toHaveProperty("error.code");
  });

  it("another site's key sees none of these leads", async () => {
    const other = await createSite();
    const res = await api(other, "/api/v1/leads?channel=Paid+Search");
    expect(((await res.json()) as Page).data).toEqual([]);
  });
});

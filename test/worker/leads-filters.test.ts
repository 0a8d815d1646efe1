/**
 * `GET /api/v1/leads` with the stats' exact-match filters (channel, source, medium, campaign,
 * placement, link_id) on the lead's first or last touch: the leads listed are exactly the
 * conversations `GET /api/v1/stats` counts for the same filters and touch model.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import ctwaFixture from "../fixtures/whatsapp-ctwa-referral.json?raw";
import {
  api,
  call,
  click,
  clickRequest,
  createSite,
  deliver,
  message,
  newPhone,
  type TestSite,
} from "./helpers";

interface Page {
  data: { id: string; contact: { wa_id: string } }[];
  next_cursor: string | null;
}
const ctwa = JSON.parse(ctwaFixture).entry[0].changes[0].value.messages[0];

/**
 * P1 clicks a Google Ads button (first touch), later an e-mail QR panel (last touch); P2 scans
 * a poster's campaign link; P3 comes from a Click-to-WhatsApp ad; P4 writes with no ref.
 */
let site: TestSite;
let linkId: string;
const phone = { p1: newPhone(), p2: newPhone(), p3: newPhone(), p4: newPhone() };
beforeAll(async () => {
  site = await createSite();
  const t0 = Math.floor(Date.now() / 1000) - 600;
  const adRef = await click(site, {
    utm_source: "google",
    utm_medium: "cpc",
    utm_campaign: "spring",
  });
  const mail = clickRequest(
    site,
    { utm_source: "newsletter", utm_medium: "email", utm_campaign: "november" },
    undefined,
    { placement: "qr_panel" },
  );
  expect((await call(mail.request)).status).toBe(201);
  await deliver(site, message({ from: phone.p1, body: `Hi ${formatRef(adRef)}`, timestamp: t0 }));
  await deliver(site, message({ from: phone.p1, body: `Again ${mail.ref}`, timestamp: t0 + 60 }));
  const created = await call(
    new Request("https://chatref.test/api/v1/links", {
      method: "POST",
      headers: { authorization: `Bearer ${site.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Poster", utm_source: "poster", utm_medium: "offline" }),
    }),
  );
  const link = (await created.json()) as { id: string; code: string };
  linkId = link.id;
  const scan = await call(
    new Request(`https://chatref.test/r/${link.code}`, {
      headers: { "user-agent": "Mozilla/5.0 (iPhone) Mobile" },
      redirect: "manual",
    }),
  );
  const text = new URL(scan.headers.get("location") ?? "").searchParams.get("text") ?? "";
  await deliver(site, message({ from: phone.p2, body: text, timestamp: t0 + 5 }));
  await deliver(
    site,
    message({ from: phone.p3, body: ctwa.text.body, referral: ctwa.referral, timestamp: t0 }),
  );
  await deliver(site, message({ from: phone.p4, body: "Do you ship?", timestamp: t0 }));
});

async function leadsOf(query: string): Promise<string[]> {
  const res = await api(site, `/api/v1/leads?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as Page).data.map((l) => l.contact.wa_id).sort();
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

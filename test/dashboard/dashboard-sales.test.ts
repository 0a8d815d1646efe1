/**
 * Sales on the dashboard (issue 14) on the real product (`npm start`): a WhatsApp visit becomes a
 * lead, the CRM reports it qualified, two orders (one in euros) and a refund through the API;
 * the KPI tiles (qualified, purchases, revenue in the site's currency with the euros listed
 * apart, value per conversation) and the channel table's sale columns show exactly the API's
 * figures, formatted as the dashboard formats them.
 */
import { expect, it } from "vitest";
import { formatMoney, formatNumber } from "../../dashboard/format";
import { formatRef } from "../../widget/protocol/ref-codec";
import { postDemoBeacon } from "../support/demo-visit";
import { DEMO, sendWhatsApp, useLocalProduct, waitForLead } from "../support/local-worker";
import { openDashboardPage } from "./dashboard-page";
import { SHOTS, signIn, tableCells, utcDay } from "./dashboard-story";
import { LANGS } from "./strings";

const product = useLocalProduct();
const errors: string[] = [];
const t = LANGS.en;

interface Figures {
  key?: string | null;
  conversations: number;
  qualified: number;
  purchases: number;
  revenue: number;
}
interface SalesStats {
  currency: string;
  kpis: Figures & { revenue_other: { currency: string; value: number }[] };
  breakdowns: Record<string, { rows: Figures[] }>;
}

const auth = { authorization: `Bearer ${DEMO.apiKey}`, "content-type": "application/json" };

async function apiStats(): Promise<SalesStats> {
  const q = new URLSearchParams({ from: utcDay(-29), to: utcDay(1), group_by: "channel" });
  const res = await fetch(`${product.worker.base}/api/v1/stats?${q}`, { headers: auth });
  expect(res.status).toBe(200);
  return (await res.json()) as SalesStats;
}

it("the revenue tiles and columns show the API's figures", async () => {
  const base = product.worker.base;
  const ref = await postDemoBeacon(base, {
    channel: "whatsapp",
    touch: { utm_source: "google", utm_medium: "cpc" },
  });
  const phone = `1558${Date.now().toString().slice(-7)}`;
  expect((await sendWhatsApp(base, phone, `Hi ${formatRef(ref)}`)).status).toBe(200);
  const lead = (await waitForLead(base, phone)) as unknown as { id?: string };
  const found = await fetch(`${base}/api/v1/leads?limit=50`, { headers: auth });
  const leads = (await found.json()) as { data: { id: string; contact: { wa_id: string } }[] };
  const id = lead.id ?? leads.data.find((l) => l.contact.wa_id === phone)?.id;
  for (const body of [
    { type: "qualified" },
    { type: "purchase", value: 249.5, currency: "USD", external_id: `o-${phone}-1` },
    { type: "purchase", value: 80, currency: "EUR", external_id: `o-${phone}-2` },
    { type: "refund", value: 49.5, currency: "USD", external_id: `o-${phone}-1` },
  ]) {
    const res = await fetch(`${base}/api/v1/leads/${id}/events`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify(body),
    });
    expect(res.status, await res.text()).toBe(201);
  }

  const s = await apiStats();
  expect(s.currency).toBe("USD");
  expect(s.kpis.qualified).toBeGreaterThanOrEqual(1);
  expect(s.kpis.purchases).toBeGreaterThanOrEqual(2);
  expect(s.kpis.revenue_other.find((r) => r.currency === "EUR")?.value).toBeGreaterThanOrEqual(80);

  const page = await openDashboardPage(product.browser, base, { errors, dialogs: [] }, 1280);
  await signIn(page, DEMO.apiKey);
  // The header names the site the key reads (issue 18), as GET /api/v1/whoami does.
  const me = (await (await fetch(`${base}/api/v1/whoami`, { headers: auth })).json()) as {
    site_name: string;
  };
  expect(me.site_name).toBe("Lumen Coffee");
  await expect.poll(() => page.locator("[data-site-name]").textContent()).toBe(me.site_name);
  const kpi = (id: string) => page.locator(`[data-kpi="${id}"] .value`).textContent();
  const money = (n: number | null) => formatMoney("en", n, s.currency);
  await expect.poll(() => kpi("revenue")).toBe(money(s.kpis.revenue));
  expect(await kpi("qualified")).toBe(formatNumber("en", s.kpis.qualified));
  expect(await kpi("purchases")).toBe(formatNumber("en", s.kpis.purchases));
  const per = s.kpis.conversations ? s.kpis.revenue / s.kpis.conversations : null;
  expect(await kpi("value")).toBe(money(per));
  const other = s.kpis.revenue_other.map((r) => formatMoney("en", r.value, r.currency)).join(", ");
  expect(await page.locator("[data-revenue-other]").textContent()).toBe(
    `${t.revenueOther}: ${other}`,
  );

  // The channel table: conversations, clicks, scans, rate, qualified, purchases, revenue.
  const cells = await tableCells(page, "channel");
  const shown = cells.map((c) => [c[0], c[5], c[6], c[7]]);
  expect(shown).toEqual(
    (s.breakdowns.channel?.rows ?? []).map((r) => [
      r.key ?? t.notSet,
      formatNumber("en", r.qualified),
      formatNumber("en", r.purchases),
      money(r.revenue),
    ]),
  );
  await page.screenshot({ path: `${SHOTS}/dashboard-sales.png`, fullPage: true });
  expect(errors).toEqual([]);
  await page.context().close();
});

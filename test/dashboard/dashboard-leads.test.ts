/**
 * The leads table on the real product (dashboard-story.ts), against `GET /api/v1/leads`:
 * - each lead's outcome (issue 14): the CRM qualifies P1, who then buys in dollars and euros
 *   and gets a partial refund, and loses P2; the Outcome column shows Qualified / Purchase with
 *   the net revenue per currency, the site's first / Lost / —, exactly as the API sums it;
 * - the touch model (issue 18): under First touch the source / medium and campaign columns are
 *   each lead's first touch, under Last touch its last one (P1: the e-mail, not the ad), the
 *   values the stats report for that touch (the path's `source` / `medium`).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../../dashboard/format";
import { formatRef } from "../../widget/protocol/ref-codec";
import { postDemoBeacon } from "../support/demo-visit";
import { DEMO, sendWhatsApp, waitForLead } from "../support/local-worker";
import { HOSTILE, SHOTS, signIn, useDashboardStory, utcDay } from "./dashboard-story";
import { LANGS } from "./strings";

const { product, errors, openDashboard } = useDashboardStory();
const t = LANGS.en;
const auth = { authorization: `Bearer ${DEMO.apiKey}`, "content-type": "application/json" };

interface Step {
  source: string | null;
  medium: string | null;
  utm_campaign: string | null;
}
interface ApiLead {
  id: string;
  contact: { name: string | null };
  touch: { number: string | null; agent: string | null };
  touches: Step[];
  outcome: {
    stage: "qualified" | "purchase" | "lost" | null;
    revenue: { currency: string; value: number }[];
  };
}

/** The leads the table asks for (the dashboard's default period), with their paths. */
async function apiLeads(): Promise<ApiLead[]> {
  const q = new URLSearchParams({
    from: utcDay(-29),
    to: utcDay(1),
    limit: "50",
    include: "touches",
  });
  const res = await fetch(`${product.worker.base}/api/v1/leads?${q}`, { headers: auth });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: ApiLead[] }).data;
}

/** The outcome as the table should word it, from the API's figures. */
function outcomeText(o: ApiLead["outcome"]): string {
  if (o.stage === "qualified") return t.outcomeQualified;
  if (o.stage === "lost") return t.outcomeLost;
  if (o.stage === null) return "—";
  const money = o.revenue.map((r) => formatMoney("en", r.value, r.currency)).join(" · ");
  return `${t.outcomePurchase} ${money}`;
}

/** Source / medium and campaign of a step, as the table words them. */
const stepCells = (s: Step | undefined) => [
  s && (s.source !== null || s.medium !== null)
    ? `${s.source ?? t.notSet} / ${s.medium ?? t.notSet}`
    : t.notSet,
  s?.utm_campaign ?? t.notSet,
];

beforeAll(async () => {
  // A chat opened to an agent (issue 16): the table gains an Agent column.
  const base = product.worker.base;
  const ref = await postDemoBeacon(base, { number: "15550001111", agent: "Ana", touch: {} });
  const phone = `1557${Date.now().toString().slice(-7)}`;
  expect((await sendWhatsApp(base, phone, `Hi ${formatRef(ref)}`, "Agent Lead")).status).toBe(200);
  await waitForLead(base, phone);
  const leads = await apiLeads();
  const byName = (name: string) => leads.find((l) => l.contact.name === name)?.id;
  const events: [string | undefined, object][] = [
    [byName(HOSTILE), { type: "qualified" }],
    [byName(HOSTILE), { type: "purchase", value: 120, currency: "USD", external_id: "o-1" }],
    [byName(HOSTILE), { type: "purchase", value: 30, currency: "EUR", external_id: "o-2" }],
    [byName(HOSTILE), { type: "refund", value: 20.5, currency: "USD", external_id: "o-1" }],
    [byName("Ольга 李"), { type: "lost" }],
  ];
  for (const [id, body] of events) {
    const res = await fetch(`${product.worker.base}/api/v1/leads/${id}/events`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify(body),
    });
    expect(res.status, await res.text()).toBe(201);
  }
});

describe("the leads table (browser, real product)", () => {
  it("shows each lead's outcome and the touch of the model chosen, as the API has them", async () => {
    const api = await apiLeads();
    const p1 = api.find((l) => l.contact.name === HOSTILE);
    expect(p1?.outcome).toMatchObject({
      stage: "purchase",
      revenue: [
        { currency: "USD", value: 99.5 },
        { currency: "EUR", value: 30 },
      ],
    });
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const rows = page.locator("leads-panel tbody tr");
    const table = async () => {
      const out: string[][] = [];
      for (let i = 0; i < (await rows.count()); i++)
        out.push((await rows.nth(i).locator("th, td").allInnerTexts()).map((s) => s.trim()));
      return out;
    };
    await expect.poll(() => rows.count()).toBe(api.length);
    const header = (await page.locator("leads-panel thead th").allInnerTexts()).map((s) =>
      s.trim(),
    );
    const sm = header.indexOf(t.leadSourceMedium);
    const campaign = header.indexOf(t.leadCampaign);
    const outcome = header.indexOf(t.leadOutcome);
    const agent = header.indexOf(t.leadAgent);
    expect(Math.min(sm, campaign, outcome, agent)).toBeGreaterThan(0);
    // The Agent column: the agent's name for the chat opened to Ana, (not set) for the rest.
    const agents = async () => (await table()).map((c) => `${c[1]} | ${c[agent]}`);
    await expect
      .poll(agents)
      .toEqual(api.map((l) => `${l.contact.name} | ${l.touch.agent ?? t.notSet}`));
    expect(api.some((l) => l.touch.agent === "Ana")).toBe(true);
    const shown = async () =>
      (await table()).map((c) => [c[1], c[sm], c[campaign], c[outcome]].join(" | "));
    const expected = (pick: (l: ApiLead) => Step | undefined) =>
      api.map((l) => [l.contact.name, ...stepCells(pick(l)), outcomeText(l.outcome)].join(" | "));

    // First touch: the path's first step (the lead's own click) for attributed leads.
    await expect.poll(shown).toEqual(expected((l) => l.touches[0]));
    expect((await table()).find((c) => c[1] === HOSTILE)?.[outcome]).toBe(
      `Purchase ${formatMoney("en", 99.5, "USD")} · ${formatMoney("en", 30, "EUR")}`,
    );
    const heading = page.locator("leads-panel data-table h2");
    expect(await heading.textContent()).toBe(t.leads);

    // Last touch: the path's last step; P1 moves from the ad to the e-mail.
    await page.getByRole("radio", { name: t.last }).check();
    await expect.poll(shown).toEqual(expected((l) => l.touches.at(-1)));
    const p1Row = (await table()).find((c) => c[1] === HOSTILE);
    expect([p1Row?.[sm], p1Row?.[campaign]]).toEqual(["newsletter / email", "november"]);
    expect(await heading.textContent()).toBe(t.leadsLastTouch);
    await page.screenshot({ path: `${SHOTS}/dashboard-leads-last.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

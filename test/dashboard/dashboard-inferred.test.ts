/**
 * Inferred attribution in the dashboard, on the real product (`npm start`): a click beacon, then
 * a first WhatsApp message whose greeting survived without its ref (an inferred lead), beside an
 * exact one. The leads table says the inferred lead's score and evidence as the API has them;
 * "Include inferred conversations" off makes the figures and the leads the API's with
 * `inferred=exclude` (kept in the URL across a reload); a destination's `include_inferred` is
 * shown and switched with a full key.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { postDemoBeacon, runPhone } from "../support/demo-visit";
import { DEMO, sendWhatsApp, useLocalProduct, waitForLead } from "../support/local-worker";
import { openDashboardPage } from "./dashboard-page";
import { SHOTS, signIn, utcDay } from "./dashboard-story";
import { LANGS } from "./strings";

// Not the shared story: its open clicks would be candidates too, and two plausible clicks are
// rightly inferred to neither.
const product = useLocalProduct();
const errors: string[] = [];
const openDashboard = (width: number) =>
  openDashboardPage(product.browser, product.worker.base, { errors, dialogs: [] }, width);
const t = LANGS.en;
const auth = { authorization: `Bearer ${DEMO.apiKey}` };

interface ApiLead {
  attribution: string;
  contact: { wa_id: string | null };
  inference?: { click_ref: string; score: number; reasons: string[] };
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${product.worker.base}${path}`, {
    ...init,
    headers: { ...auth, "content-type": "application/json" },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

/** The dashboard's default period, as its requests say it. */
const period = { from: utcDay(-29), to: utcDay(1) };
const conversations = async (inferred: "include" | "exclude") =>
  (
    await api<{ kpis: { conversations: number } }>(
      `/api/v1/stats?${new URLSearchParams({ ...period, touch: "first", inferred })}`,
    )
  ).kpis.conversations;
const apiLeads = async (inferred: "include" | "exclude") =>
  (
    await api<{ data: ApiLead[] }>(
      `/api/v1/leads?${new URLSearchParams({ ...period, limit: "50", inferred })}`,
    )
  ).data;

let inferredPhone = "";

beforeAll(async () => {
  const base = product.worker.base;
  const spring = { utm_source: "google", utm_medium: "cpc", utm_campaign: "code-deleted" };
  await postDemoBeacon(base, { touch: spring, lang: "en" });
  // The greeting of an English button with its code deleted, sent 20 s after the click.
  inferredPhone = runPhone("1557");
  const at = Math.floor(Date.now() / 1000) + 20;
  const greeting = "Hello! I'd like to know more. (Ref: )";
  expect((await sendWhatsApp(base, inferredPhone, greeting, "Inés", at)).status).toBe(200);
  await waitForLead(base, inferredPhone);
  // Then an exact lead, so that leaving inferred ones out changes the figures, not to zero.
  const ref = await postDemoBeacon(base, { touch: { utm_source: "newsletter" }, lang: "en" });
  const phone = runPhone("1558");
  expect((await sendWhatsApp(base, phone, `Hi ${formatRef(ref)}`)).status).toBe(200);
  await waitForLead(base, phone);
});

describe("inferred attribution in the dashboard (browser, real product)", () => {
  it("the leads table says an inferred lead's score and evidence, as the API has them", async () => {
    const lead = (await apiLeads("include")).find((l) => l.contact.wa_id === inferredPhone);
    expect(lead?.attribution).toBe("inferred");
    const inf = lead?.inference;
    expect(inf?.reasons).toContain("greeting");
    if (!inf) return;
    const score = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });
    const reasons = inf.reasons.map((r) => t[`infer_${r}` as keyof typeof t]);
    const list = new Intl.ListFormat("en", { type: "unit", style: "short" }).format(reasons);
    const expected = `${t.inferred} · ${t.inferScore.replace("{score}", score.format(inf.score))} — ${list}`;
    expect(expected).toContain(t.infer_greeting);

    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const header = page.locator("leads-panel thead th");
    await expect.poll(() => header.count()).toBeGreaterThan(2);
    const col = (await header.allInnerTexts()).map((s) => s.trim()).indexOf(t.leadAttribution);
    expect(col).toBeGreaterThan(0);
    const cells = () =>
      page.locator(`leads-panel tbody tr > :nth-child(${col + 1})`).allInnerTexts();
    await expect.poll(async () => (await cells()).map((s) => s.trim())).toContain(expected);
    await page.screenshot({ path: `${SHOTS}/dashboard-inferred-lead.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("'Include inferred conversations' off: the figures and leads of inferred=exclude, kept in the URL", async () => {
    const [all, exact] = await Promise.all([conversations("include"), conversations("exclude")]);
    expect(exact).toBeLessThan(all);
    const exactLeads = await apiLeads("exclude");
    expect(exactLeads.some((l) => l.attribution === "inferred")).toBe(false);

    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const kpi = () => page.locator('[data-kpi="conversations"] .value').textContent();
    const rows = page.locator("leads-panel tbody tr");
    const control = page.getByLabel(t.includeInferred);
    await expect.poll(kpi).toBe(String(all));
    await expect(control.isChecked()).resolves.toBe(true);

    await control.uncheck();
    await expect.poll(() => new URL(page.url()).searchParams.get("inferred")).toBe("exclude");
    await expect.poll(kpi).toBe(String(exact));
    await expect.poll(() => rows.count()).toBe(exactLeads.length);
    expect((await rows.allInnerTexts()).join("\n")).not.toContain(t.inferred);
    await expect
      .poll(() => page.locator("leads-panel").getByText(t.inferredLeftOut).count())
      .toBe(1);

    // The setting is the view's: a reload keeps it; checking it again counts them again.
    await page.reload();
    await expect.poll(kpi).toBe(String(exact));
    await expect(control.isChecked()).resolves.toBe(false);
    await control.check();
    await expect.poll(kpi).toBe(String(all));
    expect(new URL(page.url()).searchParams.has("inferred")).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a destination says whether it gets inferred leads; a full key switches it", async () => {
    const id = "dst_demo_webhook";
    const before = await api<{ include_inferred: boolean }>(`/api/v1/destinations/${id}`);
    expect(before.include_inferred).toBe(false);
    const page = await openDashboard(1280);
    await signIn(page, DEMO.apiKey);
    const card = page.locator(`forwarding-panel li[data-destination="${id}"]`);
    await expect
      .poll(() => card.locator("[data-inferred]").getAttribute("data-inferred"))
      .toBe("off");
    expect(await card.locator("[data-inferred]").textContent()).toBe(t.destInferredOff);

    await card.getByRole("button", { name: `${t.sendInferred}: `, exact: false }).click();
    await expect
      .poll(() => card.locator("[data-inferred]").getAttribute("data-inferred"))
      .toBe("on");
    const after = await api<{ include_inferred: boolean }>(`/api/v1/destinations/${id}`);
    expect(after.include_inferred).toBe(true);
    await page.screenshot({ path: `${SHOTS}/dashboard-inferred-destination.png`, fullPage: true });

    await card.getByRole("button", { name: t.stopInferred, exact: false }).click();
    await expect
      .poll(() => card.locator("[data-inferred]").getAttribute("data-inferred"))
      .toBe("off");
    expect(
      (await api<{ include_inferred: boolean }>(`/api/v1/destinations/${id}`)).include_inferred,
    ).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

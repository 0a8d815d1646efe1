/**
 * The dashboard by chat app on the real product (`npm start`): a Telegram and a WhatsApp visit,
 * each opening its app and becoming a conversation there, plus one more Telegram click. The
 * chat-app table shows each app's figures as the API counts them; the chat-app control and a
 * drill-down into the table narrow every view to one app, and removing the chip undoes it.
 */
import { expect, it } from "vitest";
import { DEFAULT_VIEW, parseView, rowFilters, viewSearch } from "../../dashboard/view-state";
import { formatRef } from "../../widget/protocol/ref-codec";
import { postDemoBeacon, runPhone } from "../support/demo-visit";
import { DEMO, telegramLead, useLocalProduct, whatsAppLead } from "../support/local-worker";
import { openDashboardPage } from "./dashboard-page";
import { SHOTS, type Stats, signIn, tableCells, utcDay } from "./dashboard-story";
import { LANGS } from "./strings";

const product = useLocalProduct();
const errors: string[] = [];
const t = LANGS.en;

/** A click beacon from the demo page that opened `channel`; returns its ref. */
const beacon = (channel: string, touch: Record<string, string>) =>
  postDemoBeacon(product.worker.base, { channel, touch });

/** The API's answer for the dashboard's default period, by chat app. */
async function apiStats(filters: Record<string, string> = {}): Promise<Stats> {
  const q = new URLSearchParams({
    ...filters,
    from: utcDay(-29),
    to: utcDay(1),
    group_by: "chat_app",
  });
  const res = await fetch(`${product.worker.base}/api/v1/stats?${q}`, {
    headers: { authorization: `Bearer ${DEMO.apiKey}` },
  });
  return (await res.json()) as Stats;
}

it("a chat app in the URL is kept only when the API knows it (it refuses any other)", () => {
  expect(parseView("?chat_app=telegram").filters).toEqual({ chat_app: "telegram" });
  expect(parseView("?chat_app=sms&channel=Email").filters).toEqual({ channel: "Email" });
  expect(viewSearch({ ...DEFAULT_VIEW, filters: { chat_app: "instagram" } })).toBe(
    "chat_app=instagram",
  );
  expect(rowFilters("chat_app", "messenger")).toEqual({ chat_app: "messenger" });
});

it("the chat-app table, the chat-app filter and the drill-down into it", async () => {
  const base = product.worker.base;
  const tg = await beacon("telegram", { utm_source: "vk", utm_medium: "cpc" });
  await beacon("telegram", { utm_source: "vk", utm_medium: "cpc" });
  const wa = await beacon("whatsapp", { utm_source: "google", utm_medium: "cpc" });
  const userId = 710_000_000 + (Date.now() % 1e8);
  await telegramLead(base, userId, `chat_app_${userId}`, tg);
  await whatsAppLead(base, runPhone("1557"), `Hi ${formatRef(wa)}`);

  const all = await apiStats();
  expect(all.breakdowns.chat_app?.rows.map((r) => [r.key, r.chat_clicks, r.conversations])).toEqual(
    [
      ["telegram", 2, 1],
      ["whatsapp", 1, 1],
    ],
  );
  const page = await openDashboardPage(product.browser, base, { errors, dialogs: [] }, 1280);
  await signIn(page, DEMO.apiKey);
  const kpi = (id: string) => page.locator(`[data-kpi="${id}"] .value`).textContent();
  const shown = async () =>
    (await tableCells(page, "chat_app")).map((c) => [c[0], c[1], c[2], c[4]]);
  // Name (a brand name), conversations, chat clicks, rate.
  await expect.poll(shown).toEqual([
    ["Telegram", "1", "2", "50%"],
    ["WhatsApp", "1", "1", "100%"],
  ]);
  expect(await page.locator('[data-breakdown="chat_app"] h2').textContent()).toBe(t.chat_app);

  // The control in the view's controls narrows every view to Telegram.
  const select = page.locator('view-controls select[name="chat_app"]');
  expect(await select.inputValue()).toBe("");
  await select.selectOption("telegram");
  const chip = page.locator('.chip[data-filter="chat_app"] .chip-text');
  await expect.poll(() => chip.textContent()).toBe(`${t.chat_app}: Telegram`);
  expect(new URL(page.url()).searchParams.get("chat_app")).toBe("telegram");
  const telegram = await apiStats({ chat_app: "telegram" });
  expect(telegram.kpis).toMatchObject({ chat_clicks: 2, conversations: 1 });
  await expect.poll(() => kpi("chat_clicks")).toBe("2");
  expect(await kpi("conversations")).toBe("1");
  await expect.poll(shown).toEqual([["Telegram", "1", "2", "50%"]]);
  await expect.poll(() => page.locator("leads-panel tbody tr").count()).toBe(1);
  await page.screenshot({ path: `${SHOTS}/dashboard-chat-app.png`, fullPage: true });
  expect(await page.locator("leads-panel tbody tr td").first().textContent()).toContain("Telegram");

  // Removing the chip shows every app again, and the control says so.
  await page.locator('.chip[data-filter="chat_app"] .chip-remove').click();
  await expect.poll(shown).toEqual([
    ["Telegram", "1", "2", "50%"],
    ["WhatsApp", "1", "1", "100%"],
  ]);
  expect(await select.inputValue()).toBe("");
  expect(await kpi("chat_clicks")).toBe("3");

  // A drill-down into the WhatsApp row sets the same filter, and the control follows.
  await page
    .locator('[data-breakdown="chat_app"] tbody tr')
    .filter({ has: page.locator("th", { hasText: /^WhatsApp$/ }) })
    .locator("td")
    .first()
    .click();
  await expect.poll(() => chip.textContent()).toBe(`${t.chat_app}: WhatsApp`);
  await expect.poll(() => select.inputValue()).toBe("whatsapp");
  await expect.poll(shown).toEqual([["WhatsApp", "1", "1", "100%"]]);
  expect(await kpi("chat_clicks")).toBe("1");
  expect(errors).toEqual([]);
  await page.context().close();
});

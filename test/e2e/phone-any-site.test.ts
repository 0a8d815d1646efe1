/**
 * The phone simulator plays a phone for any site of the local Worker, not only the demo: with a
 * site's API key in its field (the number and phone_number_id follow from the API), the message
 * becomes that site's lead (and none of the demo's). Handed a chat opened to the demo's agent
 * number (`?to=` with the chat's link, demo/shop.js), it writes to that number.
 */
import { describe, expect, it } from "vitest";
import { pageErrors, runPhone } from "../support/demo-visit";
import { createLocalSite, DEMO, useLocalProduct } from "../support/local-worker";

const product = useLocalProduct();

async function leadsOf(base: string, key: string) {
  const res = await fetch(`${base}/api/v1/leads?limit=50`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return ((await res.json()) as { data: { contact: { wa_id: string | null } }[] }).data;
}

describe("phone simulator for any site (e2e)", () => {
  it("sends to the site its fields name; the lead is that site's", async () => {
    const base = product.worker.base;
    const site = await createLocalSite(base, "phone", "Second shop", "2");
    const page = await product.browser.newPage();
    const errors = pageErrors(page);
    await page.goto(`${base}/demo/phone.html`);
    // The site's API key is enough: its number and phone_number_id come from GET /api/v1/whoami.
    await page.fill("#api-key", site.api_key.key);
    await page.locator("#api-key").dispatchEvent("change");
    await expect.poll(() => page.inputValue("#phone-number-id")).toBe(site.phone_number_id);
    expect(await page.inputValue("#wa-number")).toBe(site.wa_number);
    expect(await page.textContent("#business-number")).toContain(`+${site.wa_number}`);
    const phone = runPhone("1557");
    await page.fill("#from", phone);
    await page.fill("#text", "Hello, second shop");
    await page.click("#send");
    await expect
      .poll(() => page.textContent("#result-status"), { timeout: 15_000 })
      .toMatch(/New lead/);
    const mine = await leadsOf(base, site.api_key.key);
    expect(mine.map((l) => l.contact.wa_id)).toContain(phone);
    const demo = await leadsOf(base, DEMO.apiKey);
    expect(demo.map((l) => l.contact.wa_id)).not.toContain(phone);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("writes to the demo number the chat was opened to (an agent's second number)", async () => {
    const base = product.worker.base;
    const page = await product.browser.newPage();
    const errors = pageErrors(page);
    // As demo/shop.js hands it over: the chat's wa.me link names the number.
    const link = encodeURIComponent(`https://wa.me/${DEMO.agent.number}?text=Hi`);
    await page.goto(`${base}/demo/phone.html?to=${link}&text=Hi%20Leo`);
    await expect.poll(() => page.inputValue("#phone-number-id")).toBe(DEMO.agent.phoneNumberId);
    expect(await page.inputValue("#wa-number")).toBe(DEMO.agent.number);
    expect(await page.textContent("#business-number")).toContain(`+${DEMO.agent.number}`);
    const phone = runPhone("1558");
    await page.fill("#from", phone);
    await page.click("#send");
    await expect
      .poll(() => page.textContent("#result-status"), { timeout: 15_000 })
      .toMatch(/New lead/);
    const demo = await leadsOf(base, DEMO.apiKey);
    expect(demo.map((l) => l.contact.wa_id)).toContain(phone);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/**
 * The agents tests' shop (agents-*.test.ts): a site listing agents on its script tag, visited at
 * a fixed instant (Monday 2026-03-30, 10:00 in Berlin, just after the spring DST change) by a
 * visitor in Berlin, with the agents' photos and the chat apps' hosts answered by stubs.
 */
import type { Browser, BrowserContextOptions, Locator, Page } from "playwright-core";
import { PHONE, type ScriptData, SHOP, shopPage, type Visit, visit, widgetReady } from "./harness";

/** The page's clock: Monday 10:00 in Berlin (CEST, UTC+2). */
export const NOW = new Date("2026-03-30T08:00:00Z");

/** A 1×1 PNG, the photo that loads. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** An agent `name` (`role`) with a photo from the shop: `photo` is its file there. */
function shopAgent<T extends { photo: string }>(name: string, role: string, more: T) {
  return { name, role, ...more, photo: `${SHOP}/${more.photo}` };
}
/** Online (weekday hours), with a photo that loads. */
export const ANA = shopAgent("Ana Souza", "Sales", {
  number: "+55 11 91234-5678",
  hours: "mo-fr 09:00-18:00",
  photo: "ana.png",
  weight: 3,
});
/** Away until Saturday 10:00, with a photo that fails (404): initials instead. */
export const BRUNO = shopAgent("Bruno", "Support", {
  number: "5511988887777",
  hours: "sa 10:00-14:00",
  photo: "missing.png",
});
/** Always online, on Telegram. */
export const CHEN = { name: "Chen Li", role: "Wholesale", telegram: "lumen_demo_bot", weight: 1 };

/** The script tag: site, fallback number, agents (JSON), the site's zone and `more`. */
export function agentsTag(agents: unknown[], more: ScriptData = {}): ScriptData {
  return {
    site: "demo",
    number: "15550001111",
    agents: JSON.stringify(agents),
    timezone: "Europe/Berlin",
    ...more,
  };
}

/** A visitor in Berlin at NOW on a shop page whose widget tag is `data`; "/" loaded, widget ready. */
export async function withAgents(
  browser: Browser,
  data: ScriptData,
  fn: (v: Visit) => Promise<void>,
  device: BrowserContextOptions = PHONE,
  lang = "en",
): Promise<void> {
  const v = await visit(
    browser,
    { "/": shopPage({ scripts: [data], lang }) },
    { ...device, timezoneId: "Europe/Berlin" },
  );
  await v.context.clock.setFixedTime(NOW);
  await v.context.route(`${SHOP}/ana.png`, (r) =>
    r.fulfill({ body: PNG, contentType: "image/png" }),
  );
  await v.context.route(/^https:\/\/(t\.me|m\.me|ig\.me)\//, (r) =>
    r.fulfill({ body: "<title>App</title>chat", contentType: "text/html" }),
  );
  try {
    await v.page.goto(`${SHOP}/`);
    await widgetReady(v.page);
    await fn(v);
  } finally {
    await v.close();
  }
}

/** The floating button's link. */
export const button = (page: Page): Locator =>
  page.locator("chatref-button[floating]").getByRole("link").first();

/** The agents panel (a modal dialog named by its title). */
export const agentsPanel = (page: Page, title = "Chat with our team"): Locator =>
  page.getByRole("dialog", { name: title });

/** The widget scripts the page requested, without the origin. */
export function widgetScripts(v: Visit): string[] {
  return v.requests
    .map((r) => r.replace(`GET ${SHOP}`, ""))
    .filter((r) => /^\/widget[\w-]*\.js/.test(r))
    .map((r) => r.replace(/\?v=.*/, ""));
}

/** Each listed agent's visible texts: name, role and state, in order (once the panel is open). */
export async function rows(panel: ReturnType<typeof agentsPanel>): Promise<string[]> {
  await panel.waitFor();
  return panel
    .locator("[part=agent] .who")
    .evaluateAll((els) => els.map((el) => [...el.children].map((c) => c.textContent).join(" ")));
}

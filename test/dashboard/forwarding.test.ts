/**
 * The dashboard's forwarding panel on the real product (`npm start`, with its local forwarding
 * receiver). Destinations are added through the API: a webhook whose URL refuses connections
 * (with a hostile name), a webhook answering 500 with a hostile body, and a Meta destination
 * answering 400 (dead at once) until it is switched to accept. A Click-to-WhatsApp lead then
 * fans out to all of them. Checked: each destination's counts equal the deliveries API's; the
 * remote error text and the hostile name render as text; Retry on a dead row reaches the API and
 * the row shows the new outcome; "Send past leads" dry-runs with the API's counts and its
 * confirmation delivers a lead the destination missed while disabled; 1280 / 390 px; no CSP
 * violation; every language has every string.
 */
import { execSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fill } from "../../worker/dashboard/format";
import { HEALTH_STATUSES } from "../../worker/dashboard/forwarding-api";
import { DEMO, sendWhatsApp, useLocalProduct, waitForLead } from "../support/local-worker";
import { envelope, message } from "../support/whatsapp-envelope";
import { cspViolations, openDashboardPage } from "./dashboard-page";
import { FORWARDING_STRINGS, LANGS } from "./strings";

const root = resolve(import.meta.dirname, "../..");
// Always rebuilt: the panel is new and an older dist would not have it.
execSync("npx vite build --config vite.dashboard.config.ts --logLevel warn", {
  cwd: root,
  stdio: "inherit",
});

const product = useLocalProduct();
const HOSTILE = `<img src=x onerror=alert(1)>`;
const HOSTILE_ERROR = `<script>alert("pwned")</script><img src=x onerror=alert(2)> upstream exploded`;
const SHOTS = process.env.DASHBOARD_SHOTS ?? "/tmp";
const auth = { authorization: `Bearer ${DEMO.apiKey}` };
const t = FORWARDING_STRINGS.en;

interface ApiDelivery {
  id: string;
  destination: { id: string; name: string };
  lead_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
}

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${product.worker.base}${path}`, {
    ...init,
    headers: { ...auth, "content-type": "application/json", ...init.headers },
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Every delivery of the log (optionally of one destination / status), all pages. */
async function deliveries(q: Record<string, string> = {}): Promise<ApiDelivery[]> {
  const all: ApiDelivery[] = [];
  let cursor: string | null = null;
  do {
    const params: URLSearchParams = new URLSearchParams({
      limit: "200",
      ...q,
      ...(cursor ? { cursor } : {}),
    });
    const page: { body: { data: ApiDelivery[]; next_cursor: string | null } } = await api<{
      data: ApiDelivery[];
      next_cursor: string | null;
    }>(`/api/v1/deliveries?${params}`);
    all.push(...page.body.data);
    cursor = page.body.next_cursor;
  } while (cursor);
  return all;
}

/** A fake remote: /fail answers 500 with a hostile body; /meta answers 400 or, once ok, 200. */
let fake: Server;
let fakeOrigin = "";
let metaOk = false;
const ids = { unreachable: "", flaky: "", meta: "" };
let ctwaLead = "";

/** A Click-to-WhatsApp message from `from`, signed like Meta does. */
async function sendCtwa(from: string): Promise<Response> {
  const referral = {
    source_url: "https://fb.me/3cr4Wqqkv",
    source_id: "120226305854810726",
    source_type: "ad",
    headline: "Chat with us",
    body: "Summer sale",
    media_type: "image",
    ctwa_clid: "Aff-forwarding-panel-test-ctwa-clid",
  };
  const body = JSON.stringify(
    envelope(DEMO.phoneNumberId, [message({ from, body: "Is this available?", referral })], [], {
      [from]: "Ad Visitor",
    }),
  );
  const signature = `sha256=${createHmac("sha256", DEMO.appSecret).update(body).digest("hex")}`;
  return fetch(`${product.worker.base}/webhooks/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
    body,
  });
}

beforeAll(async () => {
  fake = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.url?.startsWith("/meta") && metaOk) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end('{"events_received":1}');
      }
      if (req.url?.startsWith("/meta")) {
        res.writeHead(400, { "content-type": "application/json" });
        return res.end('{"error":{"message":"<b>Invalid</b> dataset","is_transient":false}}');
      }
      res.writeHead(500, { "content-type": "text/html" });
      res.end(HOSTILE_ERROR);
    });
  });
  await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
  fakeOrigin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;

  const create = async (body: Record<string, unknown>) => {
    const res = await api<{ id: string }>("/api/v1/destinations", {
      method: "POST",
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  ids.unreachable = await create({ kind: "webhook", name: HOSTILE, url: "http://127.0.0.1:9/" });
  ids.flaky = await create({ kind: "webhook", name: "Flaky CRM", url: `${fakeOrigin}/fail` });
  ids.meta = await create({
    kind: "meta_capi",
    name: "Meta (test account)",
    dataset_id: "123456789",
    endpoint: `${fakeOrigin}/meta`,
    access_token: "test-access-token-1234",
  });
  // One ad lead: the refused webhook and the 500 one retry, the test Meta is dead at once.
  expect((await sendCtwa("15557000001")).status).toBe(200);
  ctwaLead = String((await waitForLead(product.worker.base, "15557000001")).id);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = await deliveries({ lead_id: ctwaLead });
    const of = (id: string) => rows.find((r) => r.destination.id === id)?.status;
    const states = [of(ids.unreachable), of(ids.flaky), of(ids.meta)];
    if (states.join() === "retrying,retrying,dead") break;
    if (Date.now() > deadline) throw new Error(`deliveries not failed yet: ${states.join()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}, 120_000);

afterAll(async () => {
  await new Promise((r) => fake?.close(r));
});

let errors: string[];
let dialogs: string[];
beforeEach(() => {
  errors = [];
  dialogs = [];
});

async function openDashboard(width: number): Promise<Page> {
  const page = await openDashboardPage(
    product.browser,
    product.worker.base,
    { errors, dialogs },
    width,
    { locale: "en-US" },
  );
  await page.getByLabel(LANGS.en.apiKey).fill(DEMO.apiKey);
  await page.getByRole("button", { name: LANGS.en.signIn }).click();
  await expect.poll(() => page.locator("forwarding-panel h2").textContent()).toBe(t.heading);
  return page;
}

const violations = cspViolations;
const card = (page: Page, id: string) =>
  page.locator(`forwarding-panel li[data-destination="${id}"]`);
const row = (page: Page, id: string) => page.locator(`forwarding-panel tr[data-delivery="${id}"]`);

/** The panel's counts of a destination, by status, once loaded. */
async function panelCounts(page: Page, id: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of HEALTH_STATUSES)
    out[s] = (await card(page, id).locator(`[data-count="${s}"] dd`).textContent()) ?? "";
  return out;
}
/** The API's counts of a destination (every delivery here is from today: inside the period). */
async function apiCounts(id: string): Promise<Record<string, string>> {
  const rows = await deliveries({ destination_id: id });
  return Object.fromEntries(
    HEALTH_STATUSES.map((s) => [s, String(rows.filter((r) => r.status === s).length)]),
  );
}

describe("forwarding panel (browser, real product)", () => {
  it("shows each destination with the API's counts; names and remote errors stay text", async () => {
    const page = await openDashboard(1280);
    const panel = page.locator("forwarding-panel");
    const dests = (
      await api<{ data: { id: string; kind: string; name: string }[] }>("/api/v1/destinations")
    ).body.data;
    expect(dests.length).toBe(6);
    await expect.poll(() => panel.locator("li[data-destination]").count()).toBe(6);
    for (const d of dests) {
      await expect
        .poll(async () => [await panelCounts(page, d.id), await apiCounts(d.id)], {
          timeout: 15_000,
        })
        .toSatisfy(([shown, expected]) => JSON.stringify(shown) === JSON.stringify(expected));
    }
    // Key settings and state.
    expect(await card(page, "dst_demo_ga4").locator("[data-setting]").textContent()).toBe(
      "G-DEMO000000",
    );
    expect(await card(page, ids.meta).locator("[data-setting]").textContent()).toBe("123456789");
    expect(await card(page, ids.flaky).locator("[data-setting]").textContent()).toBe(
      new URL(fakeOrigin).host,
    );
    expect(await card(page, ids.flaky).locator(".kind").textContent()).toBe(t.kind_webhook);
    expect(await card(page, ids.meta).locator(".kind").textContent()).toBe(t.kind_meta_capi);
    expect(await card(page, ids.flaky).locator("[data-state]").textContent()).toBe(t.enabled);
    // Successes: the demo webhook delivered the ad lead to the local receiver.
    expect(
      await card(page, "dst_demo_webhook").locator("[data-last-success]").textContent(),
    ).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(await card(page, ids.flaky).locator("[data-last-success]").textContent()).toBe(t.never);
    // The hostile name and the remote server's hostile body are text, nothing runs.
    expect(await card(page, ids.unreachable).locator("h4").textContent()).toBe(HOSTILE);
    const flakyError = (await deliveries({ destination_id: ids.flaky }))[0]?.last_error;
    expect(flakyError).toBe(`HTTP 500: ${HOSTILE_ERROR}`);
    await expect
      .poll(() => card(page, ids.flaky).locator("[data-last-error]").textContent())
      .toBe(flakyError);
    expect(await card(page, ids.unreachable).locator("[data-last-error]").textContent()).toMatch(
      /^request failed/,
    );
    expect(await panel.locator("img, script").count()).toBe(0);
    // The attention list: the dead and retrying rows of the API, newest first.
    const attention = [
      ...(await deliveries({ status: "dead" })),
      ...(await deliveries({ status: "retrying" })),
    ].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
    await expect.poll(() => panel.locator("tr[data-delivery]").count()).toBe(attention.length);
    const shown = await panel
      .locator("tr[data-delivery]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-delivery")));
    expect(new Set(shown)).toEqual(new Set(attention.map((a) => a.id)));
    const flakyRow = attention.find((a) => a.destination.id === ids.flaky);
    expect(
      await row(page, flakyRow?.id ?? "")
        .locator("[data-error]")
        .textContent(),
    ).toBe(flakyError);
    expect(
      await row(page, flakyRow?.id ?? "")
        .locator("[data-status]")
        .textContent(),
    ).toBe(t.stRetrying);
    const metaRow = attention.find((a) => a.destination.id === ids.meta);
    expect(
      await row(page, metaRow?.id ?? "")
        .getByRole("button", { name: /Retry/ })
        .count(),
    ).toBe(1);
    expect(
      await row(page, flakyRow?.id ?? "")
        .getByRole("button")
        .count(),
    ).toBe(0);
    // The period is named: the counts, last success and last error are all of it.
    expect(await panel.locator(".period").textContent()).toMatch(
      /^Counts: deliveries created \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d .*same period\.$/,
    );
    expect(await panel.locator(".hint").textContent()).toBe(t.setupHint);
    expect(await panel.locator(".scroll").evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(
      true,
    );
    await panel.screenshot({ path: `${SHOTS}/dashboard-forwarding-1280.png` });
    expect(dialogs).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("Retry on a dead row calls the API and shows the outcome", async () => {
    const page = await openDashboard(1280);
    const [dead] = await deliveries({ status: "dead", destination_id: ids.meta });
    expect(dead).toMatchObject({ lead_id: ctwaLead, attempts: 1 });
    const r = row(page, dead?.id ?? "");
    await expect.poll(() => r.count()).toBe(1);
    expect(await r.locator("[data-attempts]").textContent()).toBe(
      fill(t.attemptsOf, { n: "1", max: "15" }),
    );
    // The remote now accepts: the retry (keyboard) is sent and the row says so.
    metaOk = true;
    await r.getByRole("button", { name: /Retry/ }).focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => r.locator("[role=status]").textContent(), { timeout: 30_000 })
      .toBe(t.retrySent);
    expect(await r.locator("[data-status]").textContent()).toBe(t.stSent);
    expect(await r.locator("[data-attempts]").textContent()).toBe(
      fill(t.attemptsOf, { n: "2", max: "16" }),
    );
    const after = (await deliveries({ destination_id: ids.meta })).find((d) => d.id === dead?.id);
    expect(after).toMatchObject({ status: "sent", attempts: 2 });
    // The destination's counts follow.
    await expect
      .poll(async () => (await panelCounts(page, ids.meta)).sent)
      .toBe((await apiCounts(ids.meta)).sent);
    expect((await panelCounts(page, ids.meta)).dead).toBe("0");
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("disable, then Send past leads: dry run with the API's counts, confirm delivers", async () => {
    const page = await openDashboard(1280);
    const demo = card(page, "dst_demo_webhook");
    await demo.getByRole("button", { name: `Disable: ` }).click();
    await expect.poll(() => demo.locator("[data-state]").textContent()).toBe(t.disabled);
    expect(await demo.locator(".note").textContent()).toBe(t.nowDisabled);
    const dest = await api<{ disabled: boolean }>("/api/v1/destinations/dst_demo_webhook");
    expect(dest.body.disabled).toBe(true);
    // A lead while disabled: no delivery for it.
    expect((await sendWhatsApp(product.worker.base, "15557000002", "Hello!")).status).toBe(200);
    const lead = String((await waitForLead(product.worker.base, "15557000002")).id);
    expect(
      (await deliveries({ lead_id: lead })).some((d) => d.destination.id === "dst_demo_webhook"),
    ).toBe(false);
    // Disabled: no backfill.
    await demo.getByRole("button", { name: /Send past leads/ }).click();
    expect(await demo.locator(".backfill .error").textContent()).toBe(t.needsEnable);
    expect(await demo.getByRole("button", { name: t.dryRun }).isDisabled()).toBe(true);
    // Enable (keyboard).
    await demo.getByRole("button", { name: /^Enable: / }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => demo.locator("[data-state]").textContent()).toBe(t.enabled);
    expect(
      (await api<{ disabled: boolean }>("/api/v1/destinations/dst_demo_webhook")).body.disabled,
    ).toBe(false);
    // The window is explained; the range is the dashboard's period.
    expect(await demo.locator(".window").textContent()).toBe(t.window_webhook);
    const dates = demo.locator(".backfill input[type=date]");
    expect(await dates.nth(0).inputValue()).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(await dates.nth(1).inputValue()).toBe(new Date().toISOString().slice(0, 10));
    await demo.getByRole("button", { name: t.dryRun }).click();
    const preview = demo.locator("[data-preview]");
    await expect.poll(() => preview.count()).toBe(1);
    const since = (await preview.getAttribute("data-since")) ?? "";
    const until = (await preview.getAttribute("data-until")) ?? "";
    const dry = await api<Record<string, number>>(
      "/api/v1/destinations/dst_demo_webhook/backfill",
      {
        method: "POST",
        body: JSON.stringify({ since, until, dry_run: true }),
      },
    );
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ queued: 1, outside_window: 0, erased: 0 });
    for (const k of ["leads_in_range", "already_present", "queued", "outside_window", "erased"])
      expect(await preview.locator(`[data-n="${k}"]`).textContent(), k).toBe(String(dry.body[k]));
    expect(await page.locator("forwarding-panel [data-done]").count()).toBe(0);
    // GA4 and Meta explain their windows in plain words.
    await card(page, "dst_demo_ga4")
      .getByRole("button", { name: /Send past leads/ })
      .click();
    expect(await card(page, "dst_demo_ga4").locator(".window").textContent()).toContain("72 hours");
    await card(page, "dst_demo_meta")
      .getByRole("button", { name: /Send past leads/ })
      .click();
    expect(await card(page, "dst_demo_meta").locator(".window").textContent()).toContain("7 days");
    await panelScreenshotOfBackfill(page);
    // Back to the webhook: count again, then confirm.
    await demo.getByRole("button", { name: /Send past leads/ }).click();
    await demo.getByRole("button", { name: t.dryRun }).click();
    const confirm = demo.getByRole("button", { name: fill(t.confirm, { n: "1" }) });
    await expect.poll(() => confirm.count()).toBe(1);
    await confirm.click();
    await expect
      .poll(() => demo.locator("[data-done]").textContent())
      .toBe(fill(t.queuedResult, { n: "1" }));
    // The receiver got the past lead: its delivery is sent.
    await expect
      .poll(
        async () =>
          (await deliveries({ lead_id: lead })).find((d) => d.destination.id === "dst_demo_webhook")
            ?.status,
        { timeout: 30_000, interval: 500 },
      )
      .toBe("sent");
    // Twice is safe: nothing left to send.
    const again = await api<Record<string, number>>(
      "/api/v1/destinations/dst_demo_webhook/backfill",
      { method: "POST", body: JSON.stringify({ since, until, dry_run: true }) },
    );
    expect(again.body.queued).toBe(0);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a read key (GET /api/v1/whoami: scope read) sees no write action", async () => {
    // A read key for the demo site, made with the local admin token (.dev.vars, made by the run).
    const vars = readFileSync(resolve(root, ".dev.vars"), "utf8");
    const admin = /^\s*CHATREF_ADMIN_TOKEN\s*=\s*"?([^"\n]*)"?\s*$/m.exec(vars)?.[1] ?? "";
    const made = await fetch(`${product.worker.base}/api/v1/sites/site_demo/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "viewer" }),
    });
    expect(made.status).toBe(201);
    const reader = (await made.json()) as { key: string; scope: string };
    expect(reader.scope).toBe("read");
    const page = await openDashboardPage(
      product.browser,
      product.worker.base,
      { errors, dialogs },
      1280,
      { locale: "en-US" },
    );
    await page.getByLabel(LANGS.en.apiKey).fill(reader.key);
    await page.getByRole("button", { name: LANGS.en.signIn }).click();
    const cards = page.locator("forwarding-panel li[data-destination]");
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    // The read-only state arrives with whoami; the full key's buttons are gone.
    const writes = page.locator("forwarding-panel").getByRole("button", {
      name: new RegExp(`^(${t.disable}|${t.enable}|${t.backfillOpen}|${t.retry})\\b`),
    });
    await expect.poll(() => writes.count()).toBe(0);
    expect(await page.locator("links-panel form.new").count()).toBe(0);
    // The same page with the full key offers them.
    const full = await openDashboard(1280);
    await expect
      .poll(() =>
        full.locator("forwarding-panel").getByRole("button", { name: t.backfillOpen }).count(),
      )
      .toBeGreaterThan(0);
    expect(await full.locator("links-panel form.new").count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("fits a 390 px phone and Arabic, with no CSP violation", async () => {
    const page = await openDashboard(390);
    const panel = page.locator("forwarding-panel");
    await expect.poll(() => panel.locator("tr[data-delivery]").count()).toBeGreaterThan(0);
    await expect
      .poll(() => card(page, ids.flaky).locator("[data-count=retrying] dd").textContent())
      .not.toBe("…");
    await card(page, "dst_demo_webhook")
      .getByRole("button", { name: /Send past leads/ })
      .click();
    await card(page, "dst_demo_webhook").getByRole("button", { name: t.dryRun }).click();
    await expect.poll(() => panel.locator("[data-preview]").count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await panel.screenshot({ path: `${SHOTS}/dashboard-forwarding-390.png` });
    await page.getByLabel(LANGS.en.language).selectOption("ar");
    await expect.poll(() => panel.locator("h2").textContent()).toBe(FORWARDING_STRINGS.ar.heading);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await panel.screenshot({ path: `${SHOTS}/dashboard-forwarding-ar-390.png` });
    expect(await violations(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("every language has every panel string", () => {
    const keys = Object.keys(FORWARDING_STRINGS.en).sort();
    expect(Object.keys(FORWARDING_STRINGS).sort()).toEqual(Object.keys(LANGS).sort());
    for (const [lang, strings] of Object.entries(FORWARDING_STRINGS)) {
      expect(Object.keys(strings).sort(), lang).toEqual(keys);
      for (const key of keys) {
        const value = (strings as Record<string, string>)[key] ?? "";
        const english = (FORWARDING_STRINGS.en as Record<string, string>)[key] ?? "";
        expect(value.trim(), `${lang}.${key}`).not.toBe("");
        for (const ph of english.match(/\{\w+\}/g) ?? [])
          expect(value, `${lang}.${key}`).toContain(ph);
        if (key === "window_ga4") expect(value, `${lang}.${key}`).toMatch(/72/);
        if (key === "window_meta_capi") expect(value, `${lang}.${key}`).toMatch(/7/);
      }
    }
  });
});

/** The 1280 px view with a backfill preview open (for a person to look at). */
async function panelScreenshotOfBackfill(page: Page): Promise<void> {
  await page
    .locator("forwarding-panel")
    .screenshot({ path: `${SHOTS}/dashboard-forwarding-1280-backfill.png` });
}

/**
 * The forwarding tests' story on the real product (`npm start`, with its local forwarding
 * receiver). Destinations are added through the API: a webhook whose URL refuses connections
 * (with a hostile name), a webhook answering 500 with a hostile body, and a Meta destination
 * answering 400 (dead at once) until it is switched to accept (`story.metaOk`). A
 * Click-to-WhatsApp lead then fans out to all of them. Each test file that imports this module
 * starts its own product and fake remote; helpers read the panel and the API.
 */
import { execSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { DEMO, useLocalProduct, waitForLead } from "../support/local-worker";
import { envelope, message } from "../support/whatsapp-envelope";
import { cspViolations, openDashboardPage } from "./dashboard-page";
import { demoApi } from "./demo-api";
import { FORWARDING_STRINGS, LANGS } from "./strings";

const root = resolve(import.meta.dirname, "../..");
// Always rebuilt: the panel is new and an older dist would not have it.
execSync("npx vite build --config vite.dashboard.config.ts --logLevel warn", {
  cwd: root,
  stdio: "inherit",
});

export const product = useLocalProduct();
export const HOSTILE = `<img src=x onerror=alert(1)>`;
export const HOSTILE_ERROR = `<script>alert("pwned")</script><img src=x onerror=alert(2)> upstream exploded`;
export const SHOTS = process.env.DASHBOARD_SHOTS ?? "/tmp";
export const t = FORWARDING_STRINGS.en;

export interface ApiDelivery {
  id: string;
  destination: { id: string; name: string };
  lead_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
}

/** The product's API with the demo site's key (`init.headers` may give another). */
export const api = demoApi(product);

/** Every delivery of the log (optionally of one destination / status), all pages. */
export async function deliveries(q: Record<string, string> = {}): Promise<ApiDelivery[]> {
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
/** Shared with the tests: the fake's origin, whether /meta accepts, the ids made, the ad lead. */
export const story = {
  fakeOrigin: "",
  metaOk: false,
  ids: { unreachable: "", flaky: "", meta: "" },
  ctwaLead: "",
};
/** The destinations the story made (filled before the tests run). */
export const { ids } = story;

/** A Click-to-WhatsApp message from `from`, signed like Meta does. */
export async function sendCtwa(from: string): Promise<Response> {
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
      if (req.url?.startsWith("/meta") && story.metaOk) {
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
  story.fakeOrigin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;

  const create = async (body: Record<string, unknown>) => {
    const res = await api<{ id: string }>("/api/v1/destinations", {
      method: "POST",
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  ids.unreachable = await create({ kind: "webhook", name: HOSTILE, url: "http://127.0.0.1:9/" });
  ids.flaky = await create({ kind: "webhook", name: "Flaky CRM", url: `${story.fakeOrigin}/fail` });
  ids.meta = await create({
    kind: "meta_capi",
    name: "Meta (test account)",
    dataset_id: "123456789",
    endpoint: `${story.fakeOrigin}/meta`,
    access_token: "test-access-token-1234",
  });
  // One ad lead: the refused webhook and the 500 one retry, the test Meta is dead at once.
  expect((await sendCtwa("15557000001")).status).toBe(200);
  story.ctwaLead = String((await waitForLead(product.worker.base, "15557000001")).id);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = await deliveries({ lead_id: story.ctwaLead });
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

export const errors: string[] = [];
export const dialogs: string[] = [];
beforeEach(() => {
  errors.length = 0;
  dialogs.length = 0;
});

/** The dashboard `width` px wide, signed in with `key` (the demo site's full key by default). */
export async function openDashboard(width: number, key: string = DEMO.apiKey): Promise<Page> {
  const page = await openDashboardPage(
    product.browser,
    product.worker.base,
    { errors, dialogs },
    width,
    { locale: "en-US" },
  );
  await page.getByLabel(LANGS.en.apiKey).fill(key);
  await page.getByRole("button", { name: LANGS.en.signIn }).click();
  await expect.poll(() => page.locator("forwarding-panel h2").textContent()).toBe(t.heading);
  return page;
}

export const violations = cspViolations;
export const card = (page: Page, id: string) =>
  page.locator(`forwarding-panel li[data-destination="${id}"]`);
export const row = (page: Page, id: string) =>
  page.locator(`forwarding-panel tr[data-delivery="${id}"]`);

/**
 * Starts the product the way a person does (`npm start` = scripts/local.mjs) on a free port with
 * a fresh local D1, for e2e tests. The widget must already be built (`npm run build`).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { twilioSignature } from "../../worker/adapters/twilio/signature";
import { envelope, message } from "./whatsapp-envelope";

const root = path.resolve(import.meta.dirname, "../..");

/** Local demo contract (README): the seeded demo site. */
export const DEMO = {
  site: "demo",
  number: "15550001111",
  phoneNumberId: "100000000000001",
  appSecret: "dev-app-secret",
  apiKey: "dev-api-key",
  telegram: { bot: "lumen_demo_bot", botId: "7000000001", secret: "dev-telegram-secret" },
  twilio: { to: "whatsapp:+15550001111", authToken: "dev-twilio-auth-token" },
  dialog360: { account: "100000000000360", secret: "dev-360dialog-secret" },
  messenger: { page: "lumen.demo", accountId: "7100000001" },
  instagram: { username: "lumen.demo", accountId: "7200000001" },
  agent: { number: "15550002222", phoneNumberId: "100000000000002" },
} as const;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export interface LocalWorker {
  base: string;
  stop(): Promise<void>;
}

export async function startLocalWorker(): Promise<LocalWorker> {
  if (!existsSync(path.join(root, "dist/public/widget.js")))
    throw new Error("dist/public/widget.js missing: run `npm run build` first");
  const port = await freePort();
  const state = mkdtempSync(path.join(tmpdir(), "chatref-e2e-"));
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts/local.mjs")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), CHATREF_STATE_DIR: state, CHATREF_SKIP_BUILD: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  // Applying the migrations takes seconds on a quiet machine and minutes on a loaded one; the
  // hook timeout (vitest.config.ts, 180 s) stays the outer limit.
  const startMs = 170_000;
  const deadline = Date.now() + startMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      // Never leave `npm start` (and its workerd) running behind a failed start.
      child.kill("SIGKILL");
      rmSync(state, { recursive: true, force: true });
      throw new Error(`npm start did not come up in ${startMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/**
 * Sends `text` from `from` to the demo number (or `to`: the agent's) as a Cloud API webhook
 * signed like Meta does; sent at `timestamp` (Unix seconds; default now).
 */
export async function sendWhatsApp(
  base: string,
  from: string,
  text: string,
  name = "E2E Tester",
  timestamp?: number,
  to: { number: string; phoneNumberId: string } = DEMO,
): Promise<Response> {
  const msgs = [message({ from, body: text, timestamp })];
  const body = JSON.stringify(envelope(to.phoneNumberId, msgs, [], { [from]: name }, to.number));
  const signature = `sha256=${createHmac("sha256", DEMO.appSecret).update(body).digest("hex")}`;
  return fetch(`${base}/webhooks/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
    body,
  });
}

/** Sends `text` from Telegram user `userId` to the demo bot, with its secret token. */
export async function sendTelegram(base: string, userId: number, username: string, text: string) {
  const now = Math.floor(Date.now() / 1000);
  const from = { id: userId, is_bot: false, first_name: "E2E", username };
  return fetch(`${base}/webhooks/telegram/${DEMO.telegram.botId}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-telegram-bot-api-secret-token": DEMO.telegram.secret,
    },
    body: JSON.stringify({
      update_id: now * 10,
      message: { message_id: 1, from, chat: { id: userId, type: "private" }, date: now, text },
    }),
  });
}

/**
 * Sends `text` from `from` (digits) to the demo's Twilio number as Twilio posts it: a form signed
 * with the Auth Token over the URL the request is made to (adapters/twilio/signature.ts).
 */
export async function sendTwilio(base: string, from: string, text: string, name = "E2E Tester") {
  const url = `${base}/webhooks/twilio`;
  const form = {
    MessageSid: `SM${crypto.randomUUID().replaceAll("-", "")}`,
    AccountSid: `AC${crypto.randomUUID().replaceAll("-", "")}`,
    From: `whatsapp:+${from}`,
    To: DEMO.twilio.to,
    WaId: from,
    ProfileName: name,
    Body: text,
    NumMedia: "0",
  };
  const signature = await twilioSignature(DEMO.twilio.authToken, url, Object.entries(form));
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signature,
    },
    body: new URLSearchParams(form).toString(),
  });
}

/**
 * Sends what tapping Get Started after an `m.me/<page>?ref=` (or `ig.me/m/<user>?ref=`) link
 * sends: a postback with the ref, from sender `senderId`, to the demo Page (or Instagram
 * account), signed with the app secret like Meta does.
 */
export async function sendMessenger(
  base: string,
  app: "messenger" | "instagram",
  senderId: string,
  ref: string,
): Promise<Response> {
  const account = DEMO[app].accountId;
  const item = {
    sender: { id: senderId },
    recipient: { id: account },
    timestamp: Date.now(),
    postback: {
      title: "Get Started",
      payload: "GET_STARTED",
      referral: { ref, source: "SHORTLINK", type: "OPEN_THREAD" },
    },
  };
  const object = app === "messenger" ? "page" : "instagram";
  const body = JSON.stringify({
    object,
    entry: [{ id: account, time: Date.now(), messaging: [item] }],
  });
  const signature = `sha256=${createHmac("sha256", DEMO.appSecret).update(body).digest("hex")}`;
  return fetch(`${base}/webhooks/${app}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
    body,
  });
}

/** Polls the leads API until a lead whose contact matches appears. */
export async function waitForLead(
  base: string,
  waId: string,
  timeoutMs = 10_000,
  match = (contact: Record<string, unknown>) => contact.wa_id === waId,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${base}/api/v1/leads?limit=50`, {
      headers: { authorization: `Bearer ${DEMO.apiKey}` },
    });
    const page = (await res.json()) as { data: { contact: Record<string, unknown> }[] };
    const lead = page.data.find((l) => match(l.contact));
    if (lead) return lead;
    if (Date.now() > deadline) throw new Error(`no lead for ${waId} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A site made through the admin API: what the tests read of its answer. */
export interface LocalSite {
  key: string;
  wa_number: string;
  phone_number_id: string;
  api_key: { key: string };
}

/**
 * A second site on the running product, made through the admin API with the local admin token
 * (.dev.vars): key `<key>-<n>`, WhatsApp number `1555<d><d><d><n>` and phone_number_id `<d><n>`,
 * `n` the clock's last seven digits; answered 201.
 */
export async function createLocalSite(
  base: string,
  key: string,
  name: string,
  d: string,
  origins: string[] = [],
): Promise<LocalSite> {
  const n = Date.now().toString().slice(-7);
  const res = await fetch(`${base}/api/v1/sites`, {
    method: "POST",
    headers: { authorization: "Bearer dev-admin-token", "content-type": "application/json" },
    body: JSON.stringify({
      key: `${key}-${n}`,
      name,
      wa_number: `1555${d}${d}${d}${n}`,
      phone_number_id: `${d}${n}`,
      allowed_origins: origins,
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as LocalSite;
}

/** `phone` sends `text` to the demo number (sendWhatsApp): the webhook answers 200; its lead. */
export async function whatsAppLead(base: string, phone: string, text: string) {
  expect((await sendWhatsApp(base, phone, text)).status).toBe(200);
  return waitForLead(base, phone);
}

/** Telegram user `userId` (`username`) sends `/start <ref>` to the demo bot: a 200; its lead. */
export async function telegramLead(base: string, userId: number, username: string, ref: string) {
  expect((await sendTelegram(base, userId, username, `/start ${ref}`)).status).toBe(200);
  return waitForLead(base, username, 10_000, (contact) => contact.username === username);
}

/** Launch options for Debian's Chromium (see README, "Tests"). */
export function chromiumOptions() {
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  return {
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  };
}

/**
 * For an e2e test file: starts the product (`npm start` on a free port) and Chromium before its
 * tests and stops both after. Read `product.worker` / `product.browser` inside tests.
 */
export function useLocalProduct(): { worker: LocalWorker; browser: Browser } {
  const product = {} as { worker: LocalWorker; browser: Browser };
  beforeAll(async () => {
    [product.worker, product.browser] = await Promise.all([
      startLocalWorker(),
      chromium.launch(chromiumOptions()),
    ]);
  });
  afterAll(async () => {
    await product.browser?.close();
    await product.worker?.stop();
  });
  return product;
}

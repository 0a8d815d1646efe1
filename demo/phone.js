/**
 * The phone simulator: builds a WhatsApp Cloud API webhook for a text message, signs it like
 * Meta does (`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the exact body>`, WebCrypto),
 * POSTs it to /webhooks/whatsapp, then reads the newest lead from /api/v1/leads and shows its
 * attribution. Everything received is rendered with textContent, never as HTML.
 */

import { BUSINESS_FIELDS, business, selectNumber, showBusiness } from "./phone-business.js";
import { showLeadRows } from "./phone-lead.js";
import { isMetaAppLead, META_APPS, metaAppLink, metaAppRequest } from "./phone-meta-apps.js";
import { PHONE_ONLY, providerRequest } from "./phone-providers.js";
import { signBody, TELEGRAM_BOT, telegramBody, webhookBody } from "./phone-webhook.js";

const SETTINGS_KEY = "chatref-phone:settings";
const FIELDS = [
  ...["identity", "from", "user-id", "username", "name", "secret", "api-key"],
  ...BUSINESS_FIELDS,
];
const NAMES = [
  "Maria Silva",
  "Ivan Petrov",
  "Li Wei",
  "Ana García",
  "Aisha Rahman",
  "Budi Santoso",
];

const $ = (id) => document.getElementById(id);
/** Lead ids already shown: a later message from the same contact creates no new lead. */
const shownLeads = new Set();
const textArea = $("text");

/**
 * The text a chat link would send: a wa.me / api.whatsapp.com link's `text`, or `/start <ref>`
 * for a t.me link (switching the sender to Telegram); null when `value` is not one.
 */
export function textFromChatLink(value) {
  const trimmed = value.trim();
  const telegram = /^https?:\/\/t\.me\/[A-Za-z0-9_]+\?start=([A-Za-z0-9_-]{1,64})$/i.exec(trimmed);
  if (telegram) {
    $("identity").value = "telegram";
    return `/start ${telegram[1]}`;
  }
  const meta = metaAppLink(trimmed);
  if (meta) {
    $("identity").value = meta.mode;
    return meta.text;
  }
  if (!/^https?:\/\/(wa\.me|api\.whatsapp\.com|web\.whatsapp\.com)\//i.test(trimmed)) return null;
  try {
    return new URL(trimmed).searchParams.get("text") ?? "";
  } catch {
    return null;
  }
}

function setStatus(text, kind = "") {
  const status = $("result-status");
  status.textContent = text;
  status.dataset.kind = kind;
}

function fillText(text, source) {
  textArea.value = text;
  textArea.focus();
  setStatus(`Message received from ${source}. Press send.`, "info");
}

function addBubble(text, meta) {
  $("empty-hint")?.remove();
  const li = document.createElement("li");
  li.className = "bubble";
  const body = document.createElement("p");
  body.textContent = text;
  const small = document.createElement("small");
  small.textContent = meta;
  li.append(body, small);
  $("messages").append(li);
  li.scrollIntoView({ block: "end", behavior: "smooth" });
  return small;
}

/** Reads a JSON error body's message, if any. */
async function errorMessage(response) {
  try {
    const json = await response.json();
    return json?.error?.message ?? JSON.stringify(json);
  } catch {
    return response.statusText;
  }
}

function explainWebhookError(status, message) {
  if (status === 401) return `Signature rejected: check the app secret (${message}).`;
  if (status === 400) return `Webhook rejected as malformed: ${message}`;
  return `Webhook failed with HTTP ${status}: ${message}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a lead's contact is the sender (Telegram: by username; by BSUID when one was sent, else by phone). */
const isSender = (lead, who) =>
  who.mode in META_APPS
    ? isMetaAppLead(lead, who.mode)
    : who.mode === "telegram"
      ? lead?.channel === "telegram" && lead?.contact?.username === who.username
      : who.userId
        ? lead?.contact?.user_id === who.userId
        : lead?.contact?.wa_id === who.from;

/** Polls the newest lead until it belongs to the sender (processing runs after the webhook's 200). */
async function fetchLead(who, apiKey) {
  let last = null;
  for (let attempt = 0; attempt < 12; attempt++) {
    const response = await fetch("/api/v1/leads?limit=1", {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    if (response.status === 401) {
      throw new Error(`API key rejected: check the API key (${await errorMessage(response)}).`);
    }
    if (!response.ok)
      throw new Error(
        `Reading leads failed with HTTP ${response.status}: ${await errorMessage(response)}`,
      );
    const { data } = await response.json();
    last = data?.[0] ?? null;
    if (isSender(last, who)) return last;
    await sleep(250);
  }
  return last;
}

function showLead(lead, who, sentAt) {
  const list = $("lead");
  list.replaceChildren();
  list.hidden = false;
  if (!lead || !isSender(lead, who)) {
    setStatus(
      "Delivered, but no lead for this contact yet (processing may still be running).",
      "warn",
    );
    list.hidden = true;
    return;
  }
  const isNew = !shownLeads.has(lead.id) && Date.parse(lead.created_at) >= sentAt - 5000;
  shownLeads.add(lead.id);
  const source = {
    ref: "matched by ref code",
    ctwa: "Click-to-WhatsApp ad",
    none: "no source found",
  };
  setStatus(
    isNew
      ? `New lead: ${source[lead.attribution] ?? lead.attribution}.`
      : "This contact already had a lead (only the first message creates one). Showing it:",
    isNew && lead.attribution !== "none" ? "ok" : "warn",
  );
  showLeadRows(list, lead);
}

async function send(event) {
  event.preventDefault();
  const mode = $("identity").value;
  const from = $("from").value.replace(/\D/g, "");
  const userId = $("user-id").value.trim();
  const username = $("username").value.trim();
  const name = $("name").value.trim() || "Visitor";
  const text = textArea.value.trim();
  if (mode !== "username" && !from)
    return setStatus("Enter the sender's number (digits).", "error");
  const telegram = mode === "telegram";
  // Telegram, Messenger and Instagram senders are the digits of their app's user id, no BSUID.
  const appUser = telegram || mode in META_APPS;
  if (!appUser && !PHONE_ONLY.has(mode) && !/^[A-Z]{2}\.[A-Za-z0-9.]+$/.test(userId))
    return setStatus("Enter the BSUID (country code, a dot, then letters and digits).", "error");
  const who = { mode, from, username, userId: PHONE_ONLY.has(mode) || telegram ? null : userId };
  if (!text) return setStatus("Write a message first.", "error");
  const button = $("send");
  button.disabled = true;
  const sentAt = Date.now();
  const meta = addBubble(text, "sending…");
  try {
    const body = telegram
      ? telegramBody({ userId: from, username, name, text, now: sentAt })
      : webhookBody({
          from,
          name,
          text,
          now: sentAt,
          mode,
          userId,
          username,
          business: business(),
        });
    const auth = telegram
      ? { "x-telegram-bot-api-secret-token": TELEGRAM_BOT.secret }
      : { "x-hub-signature-256": await signBody(body, $("secret").value) };
    // WhatsApp via Twilio or 360dialog (phone-providers.js): their own body and signature.
    const via =
      (await metaAppRequest(mode, { from, text, now: sentAt, secret: $("secret").value })) ??
      (await providerRequest(mode, {
        origin: location.origin,
        from,
        name,
        text,
        now: sentAt,
      }));
    let response;
    try {
      response = via
        ? await fetch(via.url, via.init)
        : await fetch(telegram ? `/webhooks/telegram/${TELEGRAM_BOT.id}` : "/webhooks/whatsapp", {
            method: "POST",
            headers: { "content-type": "application/json", ...auth },
            body,
          });
    } catch {
      throw new Error("The Worker is not reachable: is `npm start` running?");
    }
    if (!response.ok)
      throw new Error(explainWebhookError(response.status, await errorMessage(response)));
    meta.textContent = "delivered ✓✓";
    textArea.value = "";
    setStatus("Delivered. Reading the lead…", "info");
    showLead(await fetchLead(who, $("api-key").value.trim()), who, sentAt);
  } catch (error) {
    meta.textContent = meta.textContent === "sending…" ? "not delivered" : meta.textContent;
    setStatus(error instanceof Error ? error.message : String(error), "error");
  } finally {
    button.disabled = false;
  }
}

function saveSettings() {
  const values = Object.fromEntries(FIELDS.map((id) => [id, $(id).value]));
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(values));
  } catch {
    // Settings just do not persist.
  }
}

function loadSettings() {
  try {
    const values = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? "{}");
    for (const id of FIELDS)
      if (typeof values[id] === "string" && values[id]) $(id).value = values[id];
  } catch {
    // Defaults stay.
  }
}

function newContact() {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(7)), (b) => b % 10).join("");
  $("from").value = `1555${digits}`;
  const bsuid = Array.from(crypto.getRandomValues(new Uint8Array(19)), (b) => b % 10).join("");
  $("user-id").value = `US.1${bsuid}`;
  $("username").value = `guest${digits.slice(0, 4)}`;
  $("name").value = NAMES[Math.floor(Math.random() * NAMES.length)];
  saveSettings();
  setStatus("New contact: their first message will create a lead.", "info");
}

loadSettings();
showBusiness();
for (const id of FIELDS) $(id).addEventListener("change", saveSettings);
$("new-contact").addEventListener("click", newContact);
$("composer").addEventListener("submit", send);
textArea.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) $("composer").requestSubmit();
});
textArea.addEventListener("paste", (event) => {
  const text = textFromChatLink(event.clipboardData?.getData("text") ?? "");
  if (text !== null) {
    event.preventDefault();
    fillText(text, "the pasted wa.me link");
  }
});
textArea.addEventListener("input", () => {
  const text = textFromChatLink(textArea.value);
  if (text !== null) fillText(text, "the wa.me link");
});

/** Fills in what the shop handed over: a prefilled message, or a chat app's link (t.me …). */
function receive(text, source) {
  fillText(textFromChatLink(text) ?? text, source);
}

const query = new URLSearchParams(location.search);
selectNumber(query.get("to") ?? "");
if (query.get("text")) receive(query.get("text"), "the page link");

if ("BroadcastChannel" in window) {
  new BroadcastChannel("chatref-phone").addEventListener("message", (event) => {
    // Apps other than WhatsApp take no prefilled text: their link carries the ref.
    const message = event.data?.message || event.data?.url;
    selectNumber(event.data?.url ?? "");
    if (typeof message === "string") receive(message, "the shop page");
  });
}

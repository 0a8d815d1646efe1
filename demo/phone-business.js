/**
 * The site the phone simulator writes to: its "Business number" and "phone_number_id" fields (the
 * demo's by default), so it can play a phone for any site of the local Worker, not only the demo.
 * Pasting a site's API key fills both from `GET /api/v1/whoami`.
 */
import { DEMO_BUSINESS, DEMO_NUMBERS } from "./phone-webhook.js";

/** The ids of the fields, saved with the simulator's other settings. */
export const BUSINESS_FIELDS = ["wa-number", "phone-number-id"];

const digits = (id) => document.getElementById(id)?.value.replace(/\D/g, "") ?? "";

/** The business the messages go to: `{ number, phoneNumberId }`, digits. */
export function business() {
  return {
    number: digits("wa-number") || DEMO_BUSINESS.number,
    phoneNumberId: digits("phone-number-id") || DEMO_BUSINESS.phoneNumberId,
  };
}

/**
 * Writes to the demo number a chat was opened to (`to`: its digits or its wa.me link; an agent's
 * may be the second number); other numbers leave the fields as they are.
 */
export function selectNumber(to) {
  const digits = /^https:\/\/wa\.me\/(\d+)/.exec(to)?.[1] ?? to;
  const id = DEMO_NUMBERS[digits];
  if (!id) return;
  setField("wa-number", digits);
  setField("phone-number-id", id);
  const header = document.getElementById("business-number");
  if (header) header.textContent = `+${digits} · business account`;
}

/** Names the business number in the chat header, now and whenever a field changes. */
export function showBusiness() {
  const header = document.getElementById("business-number");
  const show = () => {
    if (header) header.textContent = `+${business().number} · business account`;
  };
  show();
  for (const id of BUSINESS_FIELDS) document.getElementById(id)?.addEventListener("change", show);
  const key = document.getElementById("api-key");
  key?.addEventListener("change", async () => {
    const site = await whoami(key.value.trim());
    if (!site) return;
    setField("wa-number", site.wa_number);
    setField("phone-number-id", site.phone_number_id);
    show();
  });
}

function setField(id, value) {
  const input = document.getElementById(id);
  if (input && value) {
    input.value = value;
    input.dispatchEvent(new Event("input"));
  }
}

/** The key's site (`GET /api/v1/whoami`), or null when the key is refused or the call fails. */
async function whoami(key) {
  if (!key) return null;
  try {
    const res = await fetch("/api/v1/whoami", { headers: { authorization: `Bearer ${key}` } });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

/**
 * The phone simulator's Messenger and Instagram modes: a webhook as Meta posts it for the demo
 * Page / Instagram account (`entry[].messaging[]`), signed like every Meta webhook
 * (`X-Hub-Signature-256` with the app secret — the demo's META_APP_SECRET is the WhatsApp one,
 * dev-app-secret). Pasting an `m.me/<page>?ref=` or `ig.me/m/<user>?ref=` link sends what tapping
 * Get Started sends: a postback carrying the link's ref. Local demo contract: see README.
 */
import { signBody } from "./phone-webhook.js";

/** The demo's Messenger Page and Instagram account (scripts/demo-seed.sql). */
export const META_APPS = {
  messenger: { object: "page", account: "7100000001", name: "lumen.demo" },
  instagram: { object: "instagram", account: "7200000001", name: "lumen.demo" },
};

/** The ref of the last pasted link, sent with the next message as Get Started's referral. */
let pendingRef = null;

/**
 * For an m.me / ig.me link with a ref: the mode it switches to and the text to show ("Get
 * Started", the button a new thread opens with); null when `value` is not one.
 */
export function metaAppLink(value) {
  const m = /^https?:\/\/(m\.me\/|ig\.me\/m\/)[\w.-]+\?ref=([A-Za-z0-9_-]{1,64})$/i.exec(value);
  if (!m) return null;
  pendingRef = m[2];
  return { mode: m[1].toLowerCase() === "m.me/" ? "messenger" : "instagram", text: "Get Started" };
}

/** Whether the newest lead is the sender's: these apps' leads show no sender id, so by app. */
export const isMetaAppLead = (lead, mode) => lead?.channel === mode;

/**
 * The request for a message from sender `from` (the digits, as its page- or Instagram-scoped id)
 * in `mode`; null for any other mode.
 */
export async function metaAppRequest(mode, { from, text, now = Date.now(), secret }) {
  const app = META_APPS[mode];
  if (!app) return null;
  const mid = `m_${crypto.randomUUID().replaceAll("-", "")}`;
  const base = { sender: { id: from }, recipient: { id: app.account }, timestamp: now };
  const item = pendingRef
    ? {
        ...base,
        postback: {
          mid,
          title: text,
          payload: "GET_STARTED",
          referral: { ref: pendingRef, source: "SHORTLINK", type: "OPEN_THREAD" },
        },
      }
    : { ...base, message: { mid, text } };
  pendingRef = null;
  const body = JSON.stringify({
    object: app.object,
    entry: [{ id: app.account, time: now, messaging: [item] }],
  });
  return {
    url: `/webhooks/${mode}`,
    init: {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": await signBody(body, secret),
      },
      body,
    },
  };
}

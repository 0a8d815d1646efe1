/**
 * The fix sentences of the set-up check (`GET /api/v1/setup`) and the operator's diagnostics
 * (`GET /api/v1/sites/diagnostics`): each names what to change and, where the CLI has a command,
 * the command (README "Troubleshooting / setup check"). `base` is the Worker's own origin.
 */
import type { Site } from "../db/sites";

/** The WhatsApp number as people read it. */
const number = (site: Site) => `+${site.waNumber}`;

/** No beacon yet: the script tag. */
export function beaconFix(site: Site, base: string): string {
  return `No click yet: add <script src="${base}/widget.js" data-site="${site.key}" data-number="${site.waNumber}" defer></script> to your page, open it from one of its allowed origins and tap the button once.`;
}

/** No inbound message yet: the webhook subscription. */
export function webhookFix(site: Site, base: string): string {
  return `No webhook yet: in your Meta app set the WhatsApp callback URL to ${base}/webhooks/whatsapp, subscribe it to the "messages" field and your WhatsApp Business Account, check that phone_number_id ${site.phoneNumberId} is this number's, then send a message to ${number(site)}.`;
}

/** No lead yet. */
export function leadFix(site: Site): string {
  return `No lead yet: tap the chat button on your page with a phone and send the prefilled message to ${number(site)}.`;
}

/** A beacon came from an origin the site does not list. */
export function originFix(site: Site, origin: string): string {
  if (origin === "(none)")
    return "A beacon came without an Origin header: the widget sends one from any web page, so this came from a script or tool, not from your site.";
  const list = [...site.allowedOrigins, origin].map((o) => `--origin ${o}`).join(" ");
  return `Add ${origin} to allowed_origins if that page is yours: npx chatref sites update ${site.id} ${list}`;
}

/** A destination whose latest outcome was an error, or that is disabled or only skipped. */
export function destinationFix(
  id: string,
  status: "ok" | "failing" | "waiting" | "disabled",
  error: string | null,
  skipped: number,
): string | null {
  if (status === "disabled")
    return `Disabled: it receives nothing. Enable it with PATCH /api/v1/destinations/${id} {"disabled": false}.`;
  if (status === "failing")
    return `Its latest delivery failed (${error ?? "no detail"}): correct its settings or credential with PATCH /api/v1/destinations/${id}; failed deliveries are retried, dead ones with POST /api/v1/deliveries/<id>/retry.`;
  if (status === "waiting" && skipped > 0)
    return `${skipped} lead(s) were skipped, not sent: the reasons are in GET /api/v1/deliveries?status=skipped&destination_id=${id}.`;
  return null;
}

/** A beacon named a site key no site has. */
export function unknownSiteFix(key: string): string {
  return `A page sends data-site="${key}", which no site has: correct the script tag's data-site (npx chatref sites list shows the keys), or create it with npx chatref sites create --key ${key} …`;
}

/** A signed webhook named an account no site owns. */
export function unknownAccountFix(account: string): string {
  const [provider, id] = account.includes(":")
    ? [account.slice(0, account.indexOf(":")), account.slice(account.indexOf(":") + 1)]
    : ["whatsapp", account];
  if (provider === "whatsapp")
    return `Meta sends webhooks for phone_number_id ${id}, which no site has: create its site (npx chatref sites create … --phone-number-id ${id}), or unsubscribe that number's WhatsApp Business Account from this app.`;
  return `${provider} sends webhooks for account ${id}, which no site has: connect it to its site (npx chatref connections add --site <site-id> …), or remove this Worker's URL from that account's webhook settings.`;
}

/** A scan of a short-link code no live link has. */
export function unknownLinkFix(code: string): string {
  return `Someone scanned /r/${code}, which is no live link: it was disabled or never created; printed codes keep working only while their link exists.`;
}

/** Refs opened to one number arrived on another of the site's numbers (not attributed). */
export function refOtherNumberFix(opened: string, received: string): string {
  return `Chats opened to +${opened} were written to +${received}, so their refs were not attributed (a ref counts only on the number it opened): if +${opened} is not one of your numbers, correct the widget's data-number (or the agent's number); if the visitor chose to write to +${received}, nothing is wrong.`;
}

/** Coarse device class of a request, from its User-Agent (for scan reports; no fingerprinting). */

export type DeviceClass = "mobile" | "tablet" | "desktop" | "bot";

const BOT =
  /bot|crawl|spider|slurp|facebookexternalhit|whatsapp\/|telegram|preview|headless|curl\/|wget|python-requests|go-http-client/i;
const TABLET = /ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))/i;
const MOBILE = /mobi|iphone|ipod|android|windows phone|opera mini/i;

export function deviceClass(userAgent: string | undefined): DeviceClass {
  const ua = userAgent ?? "";
  if (!ua || BOT.test(ua)) return "bot";
  if (TABLET.test(ua)) return "tablet";
  if (MOBILE.test(ua)) return "mobile";
  return "desktop";
}

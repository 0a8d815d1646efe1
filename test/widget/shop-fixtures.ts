/**
 * The fake shop of the widget tests: its origin, the two devices that visit it, and the Worker's
 * answer to its beacons (harness.ts re-exports them).
 */
import type { BrowserContextOptions } from "playwright-core";

/** A phone: small touch screen, mobile user agent. A tap goes straight to the chat. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
};

/** A desktop: mouse, no touch, desktop user agent. A tap shows the QR panel. */
export const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1280, height: 800 },
  isMobile: false,
  hasTouch: false,
  userAgent:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
};

/** The fake shop's origin. */
export const SHOP = "https://shop.test";

/**
 * The Worker's answer to a beacon: `status` and JSON `body`, with the CORS headers it sends on
 * every answer (the Origin reflected, worker/ingest/clicks-route.ts).
 */
export function clickResponse(origin: string | undefined, status = 201, body: unknown = {}) {
  return {
    status,
    contentType: "application/json",
    headers: origin ? { "access-control-allow-origin": origin, vary: "Origin" } : undefined,
    body: JSON.stringify(body),
  };
}

/**
 * The reporting dimensions of a click, derived once at insert (clicks.source / medium / channel /
 * landing_page) so the stats queries group on indexed columns instead of re-deriving per row.
 */
import type { Touch } from "../../widget/protocol/click-beacon";
import { channelGroup, sourceMedium } from "./channel-group";

/** Host + path of a URL, lowercased host, no query or fragment: `shop.test/pricing`. */
export function landingPage(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, "") : "/";
    return `${u.host.toLowerCase()}${path}`.slice(0, 512);
  } catch {
    return null;
  }
}

export interface ClickDimensions {
  source: string;
  medium: string;
  channel: string;
  landingPage: string | null;
}

/** Source / medium (GA4-style), channel group and landing page of a touch. */
export function clickDimensions(touch: Touch, landingUrl?: string | null): ClickDimensions {
  const { source, medium } = sourceMedium(touch);
  return {
    source: source.slice(0, 512),
    medium: medium.slice(0, 512),
    channel: channelGroup(source, medium, touch.utm_campaign ?? ""),
    landingPage: landingPage(landingUrl ?? touch.landing_url),
  };
}

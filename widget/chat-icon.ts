/**
 * The button's glyph per app: WhatsApp's own, else a plain speech bubble (for Telegram,
 * Messenger, Instagram and the several-apps button). Brand glyphs of the other apps would cost
 * widget.js a few hundred gzip bytes each; the label names the app. plain-button.ts draws it in
 * widget.js, ui/icon.ts in the chunks.
 */
import type { Channel } from "./protocol/click-beacon";
import { ICON_PATH } from "./whatsapp-icon";

/** A speech bubble in a 24×24 viewBox. */
export const CHAT_PATH = "M4 2h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6l-4 4V4a2 2 0 0 1 2-2z";

/** The glyph's path for `channel` (undefined: several apps). */
export function appIconPath(channel?: Channel): string {
  return channel === "whatsapp" ? ICON_PATH : CHAT_PATH;
}

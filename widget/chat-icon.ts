/**
 * The button's glyph per app: WhatsApp's own, else a plain speech bubble (for Telegram,
 * Messenger, Instagram and the several-apps button). Brand glyphs of the other apps would cost
 * widget.js a few hundred gzip bytes each; the label names the app. plain-button.ts draws it in
 * widget.js, ui/icon.ts in the chunks.
 */
import type { Channel } from "./protocol/click-beacon";
import { ICON_PATH } from "./whatsapp-icon";

/** A speech bubble in ICON_PATH's 72×72 viewBox (plain-button.ts and ui/icon.ts write it). */
export const CHAT_PATH = "M12 6h48a6 6 0 0 1 6 6v36a6 6 0 0 1-6 6H18l-12 12V12a6 6 0 0 1 6-6z";

/** The glyph's path for `channel` (undefined: several apps). */
export function appIconPath(channel?: Channel): string {
  return channel === "whatsapp" ? ICON_PATH : CHAT_PATH;
}

/**
 * The WhatsApp glyph (Simple Icons, CC0) in a 72×72 viewBox with integer coordinates (each
 * point rounded to 1/3 of the original's 24 units: the same shape at button size, and 80 gzip
 * bytes fewer than 0.1 of 24); chat-icon.ts draws it as a decorative SVG.
 */
/** The glyph's path in a 72×72 viewBox (plain-button.ts draws it without lit-html). */
export const ICON_PATH =
  "m53 43c-1 0-6-2-7-3 0 0-1 0-2 1 0 1-2 3-3 3 0 1 0 1-1 0-1 0-4-1-8-4-2-3-4-5-5-6 0-1 0-2 1-2 0 0 1-1 1-2 1 0 1-1 1-1 0-1 0-1 0-2 0 0-2-4-3-6-1-2-1-2-2-2h-2c0 0-1 0-2 1-1 1-3 3-3 8 0 4 3 8 4 9 0 1 6 10 15 13 2 1 4 2 5 2 2 1 4 1 6 1 1 0 5-3 6-5 0-2 0-3 0-4 0 0-1 0-1-1m-17 22a30 30 0 0 1-15-4l-1 0-11 3 3-11-1-1a30 30 0 0 1-4-16c0-17 13-30 29-30 8 0 16 3 21 9a29 29 0 0 1 9 21c0 16-13 29-30 29m26-54a35 35 0 0 0-26-11c-19 0-35 16-35 36 0 6 1 12 4 17l-5 19 19-5a36 36 0 0 0 17 4h0c20 0 36-15 36-35a35 35 0 0 0-10-25z";

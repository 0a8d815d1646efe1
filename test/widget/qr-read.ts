/** QR codes read back from screenshots with jsQR (the widget's panels, the printed codes). */
import jsQR from "jsqr";
import type { Locator } from "playwright-core";
import { PNG } from "pngjs";

/** Decodes a PNG screenshot with jsQR; null when no QR code is found in it. */
export function decodePng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  return jsQR(pixels, image.width, image.height)?.data ?? null;
}

/** Screenshots `locator` (a QR image) and decodes it. */
export async function readQr(locator: Locator): Promise<string | null> {
  return decodePng(await locator.screenshot());
}

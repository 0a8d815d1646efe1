/**
 * Print-ready QR images of a URL: SVG (vector) and PNG (exact pixel size), error correction Q
 * (25 % of the symbol may be damaged: suits print, stickers and packaging) and the 4-module quiet
 * zone the QR spec requires. The encoder and SVG writer are the widget's (widget/qr/), so the
 * browser and the Worker draw the same symbols.
 */
import { encode } from "fast-png";
import { encodeQr, type QrMatrix } from "../../widget/qr/encode";
import { QUIET_ZONE, qrSvg, qrSvgSize } from "../../widget/qr/svg";

export const PRINT_ECC = "Q" as const;
export const PNG_SIZE_MIN = 128;
/**
 * 2,000 px prints a code over 16 cm wide at 300 dpi; larger asks cost the Worker memory (a byte
 * per pixel before compression) and CPU for nothing a printer needs, so they are a 400.
 */
export const PNG_SIZE_MAX = 2000;
export const PNG_SIZE_DEFAULT = 1024;

/** A standalone SVG document of `text`'s QR code. */
export function qrSvgDocument(text: string, title?: string): string {
  return qrSvg(encodeQr(text, PRINT_ECC), title ? { title } : {});
}

/**
 * A `size`×`size` greyscale PNG of `text`'s QR code. Modules are whole pixels (no blur); the
 * pixels left over when `size` is not a multiple of the symbol widen the quiet zone evenly.
 * Throws a RangeError when `size` is too small for one pixel per module.
 */
export function qrPng(text: string, size: number): Uint8Array {
  const matrix: QrMatrix = encodeQr(text, PRINT_ECC);
  const side = qrSvgSize(matrix);
  const scale = Math.floor(size / side);
  if (scale < 1) throw new RangeError(`size ${size} is below ${side} px, one pixel per module`);
  const offset = Math.floor((size - matrix.size * scale) / 2);
  const data = new Uint8Array(size * size).fill(255);
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) {
      if (!matrix.isDark(x, y)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = (offset + y * scale + dy) * size + offset + x * scale;
        data.fill(0, row, row + scale);
      }
    }
  }
  return encode({ width: size, height: size, data, channels: 1, depth: 8 });
}

export { QUIET_ZONE };

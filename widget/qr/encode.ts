/**
 * QR encoding for the widget and the worker: one adapter over lean-qr's "nano" build (chosen by
 * measurement, see widget/README.md "QR encoder choice"). Pure: no DOM, no I/O, so the worker can
 * import it to render print-ready codes of campaign links.
 */
import { correction, generate } from "lean-qr/nano";

/** Error-correction level: L 7%, M 15%, Q 25%, H 30% of the code may be damaged. */
export type Ecc = "L" | "M" | "Q" | "H";

/** An encoded symbol: `size` × `size` modules, quiet zone not included. */
export interface QrMatrix {
  size: number;
  /** True for a dark module; `x` is the column, `y` the row, both from 0. */
  isDark(x: number, y: number): boolean;
}

/**
 * Encodes `text` (as UTF-8 bytes) in the smallest QR version that holds it at `ecc`.
 * Throws when the text does not fit a version 40 symbol (about 2,900 bytes).
 */
export function encodeQr(text: string, ecc: Ecc = "M"): QrMatrix {
  const code = generate(text, { minCorrectionLevel: correction[ecc] });
  return { size: code.size, isDark: (x, y) => code.get(x, y) };
}

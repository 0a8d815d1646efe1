/**
 * The SVG form of a QR matrix: one path for every dark module, so the code stays crisp at any
 * size and weighs little. Pure string building (no DOM), shared by the widget and the worker.
 */
import type { QrMatrix } from "./encode";

/** Modules of light margin the QR spec requires around a symbol. */
export const QUIET_ZONE = 4;

/** Width and height, in modules, of the symbol with its quiet zone (the SVG viewBox side). */
export function qrSvgSize(matrix: QrMatrix, quietZone = QUIET_ZONE): number {
  return matrix.size + 2 * quietZone;
}

/**
 * The `d` of a path that draws the dark modules in a viewBox of `qrSvgSize()` units, one unit per
 * module, offset by `quietZone`. Each horizontal run of dark modules is one rectangle
 * (`M x y h n v1 h-n z`), which keeps the path short and free of hairline seams.
 */
export function qrSvgPath(matrix: QrMatrix, quietZone = QUIET_ZONE): string {
  let d = "";
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) {
      if (!matrix.isDark(x, y)) continue;
      let run = 1;
      while (x + run < matrix.size && matrix.isDark(x + run, y)) run++;
      d += `M${x + quietZone} ${y + quietZone}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return d;
}

/**
 * A complete, standalone SVG document of the symbol: a light background over the whole
 * viewBox (quiet zone included) and the dark path. Colours are plain values (`#000`, `#fff`),
 * for print and for `<img>`; the widget themes its inline SVG with CSS instead.
 */
export function qrSvg(
  matrix: QrMatrix,
  options: { quietZone?: number; dark?: string; light?: string; title?: string } = {},
): string {
  const quiet = options.quietZone ?? QUIET_ZONE;
  const side = qrSvgSize(matrix, quiet);
  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">${title}<rect width="${side}" height="${side}" fill="${escapeXml(options.light ?? "#fff")}"/><path d="${qrSvgPath(matrix, quiet)}" fill="${escapeXml(options.dark ?? "#000")}"/></svg>`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

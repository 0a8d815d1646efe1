/**
 * The QR image as a Lit template: an inline SVG (one unit per module, a light square under the
 * whole symbol, the dark modules as one path, the quiet zone included), named for assistive
 * technology. Used by the panel and by `<chatref-qr>`; themed by `qrStyles`.
 */
import { html } from "../ui/shared";
import { type Ecc, encodeQr } from "./encode";
import { qrSvgPath, qrSvgSize } from "./svg";

/** Error correction for codes on screens: M reads reliably and keeps the code small. */
export const SCREEN_ECC: Ecc = "M";

/** `<svg part="qr" role="img">` of `text`, with the accessible name `label`. */
export function qrImage(text: string, label: string, lang: string) {
  const matrix = encodeQr(text, SCREEN_ECC);
  const side = qrSvgSize(matrix);
  return html`<svg class="qr" part="qr" role="img" aria-label=${label} lang=${lang} viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width=${side} height=${side}></rect><path d=${qrSvgPath(matrix)}></path></svg>`;
}

/**
 * Colours come from `--chatref-qr-fg` / `--chatref-qr-bg` and are kept in forced-colors mode,
 * where an inverted code would not scan.
 */
export const qrStyles = `.qr{display:block;width:100%;height:100%;forced-color-adjust:none}.qr rect{fill:var(--chatref-qr-bg,#fff)}.qr path{fill:var(--chatref-qr-fg,#000)}`;

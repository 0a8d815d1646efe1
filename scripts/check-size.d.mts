/** Types of scripts/check-size.mjs's exports, for the tests that check the byte budgets. */

/** The built widget.js. */
export const WIDGET_FILE: string;
/** widget.js's hard limit, gzip bytes. */
export const GZIP_BUDGET: number;
/** What widget.js aims for, gzip bytes. */
export const GZIP_GOAL: number;
/** Each lazily loaded chunk (`widget-<name>.js`) and its hard limit, gzip bytes. */
export const WIDGET_CHUNKS: { name: string; budget: number }[];
/** widget-qr.js's hard limit, gzip bytes. */
export const QR_GZIP_BUDGET: number;
/** The built dashboard page. */
export const DASHBOARD_HTML: string;
/** The dashboard's initial JavaScript's hard limit, gzip bytes. */
export const DASHBOARD_GZIP_BUDGET: number;
/** The dashboard's initial JavaScript's goal, gzip bytes. */
export const DASHBOARD_GZIP_GOAL: number;
/** Each dashboard language chunk's hard limit, gzip bytes. */
export const LOCALE_GZIP_BUDGET: number;
/** Sizes of a file as served: raw (minified), gzip level 9, brotli quality 11. */
export function measure(file?: string): { min: number; gzip: number; brotli: number };
/** The dashboard's initial and language-chunk JavaScript files, from its built index.html. */
export function dashboardFiles(html?: string): {
  initial: string[];
  locales: { lang: string; file: string }[];
};

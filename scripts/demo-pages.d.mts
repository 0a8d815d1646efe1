/** Types of scripts/demo-pages.mjs, for the test that imports it. */

/** The layout's file name in demo/: not a page, never served. */
export const LAYOUT: string;
/** Demo page `name` as served: in the layout, filled with its `<!--#layout …-->` attributes. */
export function renderPage(page: string, layout: string, name: string): string;
/** Copies the demo folder as it is served: pages rendered, the layout left out. */
export function copyDemo(from: string, to: string): void;

/**
 * The contract between widget.js and its lazily loaded chunks, all built from this repository at
 * once (each chunk's URL carries its content hash, so a page never mixes builds). Types only.
 */
import type { AgentsChunk } from "./agents/chunk-api";
import type { GreetChunk } from "./greet/chunk-api";
import type { OptinChunk } from "./optin/chunk-api";
import type { QrChunk } from "./qr/chunk-api";
import type * as runtime from "./runtime";
import type * as ui from "./ui/shared";

/** What widget-ui.js registers on `window.__chatref.ui`: lit-html, the dialog, the chooser. */
export type UiChunk = typeof ui;

/** Each chunk by name: `widget-<name>.js` registers itself on `window.__chatref[name]`. */
export interface Chunks {
  ui: UiChunk;
  qr: QrChunk;
  greet: GreetChunk;
  optin: OptinChunk;
  agents: AgentsChunk;
}
export type ChunkName = keyof Chunks;

/** `window.__chatref`: set by the first widget.js that runs (it doubles as the include guard). */
export interface ChatrefGlobal extends Partial<Chunks> {
  rt: typeof runtime;
}

declare global {
  interface Window {
    __chatref?: ChatrefGlobal;
  }
}

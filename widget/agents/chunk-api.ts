/** What widget-agents.js registers on `window.__chatref.agents` (see ../chunk-api.ts). Types only. */
import type { App } from "../channels";

/** widget-agents.js: the agents panel and the rotation. */
export interface AgentsChunk {
  /** With `data-rotate="on"`: the app of an online agent picked by weight; else undefined. */
  rotate(host: HTMLElement): App | undefined;
  /** Opens the agents panel on `host` (`pick` opens an agent's chat); false when no agent is valid. */
  panel(host: HTMLElement, pick: (event: MouseEvent, app: App) => void): boolean;
  /** With `data-offline="hide"`: shows `host` only while an agent is online (./visibility.ts). */
  watch(host: HTMLElement): void;
}

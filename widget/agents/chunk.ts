/**
 * widget-agents.js entry (an IIFE built by vite.config.ts, loaded by widget.js's agents/tap.ts
 * after widget-ui.js, when a visitor shows intent on a button that offers agents or taps it, or
 * at start with `data-offline="hide"`): registers the agents panel, the rotation and the offline
 * hiding on `window.__chatref.agents`. Runs nothing else at load, so including it twice, or
 * without widget.js, is harmless.
 */
import type { AgentsChunk } from "./chunk-api";
import { panel, rotate } from "./panel";
import { watch } from "./visibility";

const host = window.__chatref;
if (host && !host.agents) {
  const agents: AgentsChunk = { panel, rotate: (el) => rotate(el)?.app, watch };
  host.agents = agents;
}

/**
 * widget.js's part of the agents (`data-agents`; the rest is widget-agents.js): a button without
 * its own `number` or `channel` offers the tag's agents. Intent (the pointer over it) fetches
 * widget-ui.js and widget-agents.js, never the page's load; a plain tap opens the agents panel
 * once they are there, or, with rotation and the chunks already there, the picked
 * agent's chat in the tap itself (a phone's link must be set inside the gesture). Kept small:
 * everything else is in the chunk.
 */
import type { App } from "../channels";
import { loadChunk } from "../chunk-loader";
import { getConfig } from "../config";
import { blocked } from "../trusted-types";

type Host = HTMLElement & { number?: string; channel?: string };

/** The button offers the tag's agents (not where the page refused the policy: no chunk loads). */
export const agentsOffered = (host: Host) =>
  !blocked && getConfig().data.agents && !host.number && !host.channel;

/** A tap opens the agents panel (no rotation): the button says it opens a dialog. */
export const agentsPopup = (host: Host) => agentsOffered(host) && getConfig().data.rotate !== "on";

/**
 * Fetches the agents' chunks at the first sign of intent: the pointer over `host` (a touch
 * fires it too, before the tap's click). A keyboard's Enter opens the panel, a wait that a
 * phone's gesture would not survive and a desktop's does. With `data-offline="hide"` they are
 * fetched now instead (the page opted in): `host` stays hidden until widget-agents.js shows it
 * while an agent is online (agents/visibility.ts), and shows when they cannot load (reported by
 * the loader).
 */
export function agentsIntent(host: Host): void {
  const style = host.style;
  if (agentsOffered(host) && getConfig().data.offline === "hide") {
    style.display = "none";
    loadChunk("agents", host)
      .then((agents) => agents.watch(host))
      .catch(() => {
        style.display = "";
      });
  } else
    host.addEventListener(
      "pointerover",
      () => agentsOffered(host) && loadChunk("agents", host).catch(() => {}),
      { once: true },
    );
}

/**
 * A plain tap on `host`, which offers agents (its opt-in box, if required, is ticked): the
 * rotation's pick opens at once (`pick`), or the panel once its chunks are there, or `fallback`
 * (the tag's own apps) when they cannot load or no agent is valid.
 */
export function agentsTap(
  host: Host,
  event: MouseEvent,
  pick: (event: MouseEvent, app: App) => void,
  fallback: () => void,
): void {
  const app = window.__chatref?.agents?.rotate(host);
  if (app) pick(event, app);
  else {
    event.preventDefault();
    loadChunk("agents", host).then((agents) => agents.panel(host, pick) || fallback(), fallback);
  }
}

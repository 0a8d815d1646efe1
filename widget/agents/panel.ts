/**
 * The agents panel (widget-agents.js), drawn with widget-ui.js's lit-html in the button's modal
 * dialog (ui/dialog.ts: focus trap, Esc, backdrop; the arrow keys, Home and End move between
 * the agents as in the chooser): a title, a localised close button and one
 * link per agent — photo (a photo that fails to load, or that the page's CSP refuses, leaves
 * the agent's initials), name, role, and whether they are online or when they reply. A link
 * opens that agent's chat through the button (`pick`), exactly as a chooser's app does: the ref,
 * the beacon (with the agent's number and name) and the desktop QR panel. Styles are adopted (no
 * `<style>`: a strict CSP would refuse it); logical properties keep it right to left in Arabic.
 */
import type { App } from "../channels";
import { adoptStyles, appLink, resolveSettings } from "../runtime";
import { appIcon, html, moveFocus, nothing, openDialog, qrStrings } from "../ui/shared";
import { agentsStrings } from "./agents-strings";
import { agentsStyles } from "./agents-styles";
import type { Agent } from "./parse";
import { replyText } from "./reply-text";
import { type AgentState, agentStates, readRoster } from "./roster";
import { stickyPick } from "./sticky";

/** What a link calls on click and middle click: the button opens that agent's chat. */
export type Pick = (event: MouseEvent, app: App) => void;

/** Up to two initials of a name ("Ana Souza" → "AS"), shown under (or instead of) the photo. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => [...word][0] ?? "")
    .join("")
    .toUpperCase();
}

/**
 * With rotation on: the visitor's remembered agent while online, else an online agent picked by
 * weight (./sticky.ts; undefined: rotation off, nobody online).
 */
export function rotate(host: HTMLElement, random?: () => number): Agent | undefined {
  const roster = readRoster(host);
  if (!roster.rotate) return undefined;
  const online = agentStates(roster, Date.now()).filter((s) => s.online);
  return stickyPick(
    online.map((s) => s.agent),
    random,
  );
}

/** A photo that fails to load is removed: the initials under it show. */
const dropPhoto = (e: Event) => (e.target as HTMLElement).remove();

/**
 * Opens the panel on `host`: every agent the offline mode lets through, or with rotation only
 * the agent it picks (the chunk arrived after the tap, so the visitor taps once more). False,
 * and nothing opened, when no agent is valid (the button then offers the tag's own apps).
 */
export function panel(host: HTMLElement, pick: Pick): boolean {
  const roster = readRoster(host);
  if (!roster.agents.length) return false;
  const { lang } = resolveSettings(host, host);
  const strings = agentsStrings(lang);
  const now = Date.now();
  const picked = rotate(host);
  const all = agentStates(roster, now);
  let states = all;
  const nobody = !all.some((s) => s.online) && roster.offline === "hide";
  if (picked) states = states.filter((s) => s.agent === picked);
  else if (roster.offline === "hide") states = states.filter((s) => s.online);
  const earliest = Math.min(...all.map((s) => s.opens ?? Infinity));
  const when = (opens?: number) => (opens ? replyText(strings, lang, opens, now) : "");
  const state = (s: AgentState) =>
    s.online
      ? strings.online
      : roster.offline === "notice"
        ? when(s.opens) || strings.away
        : strings.away;
  const item = (s: AgentState, i: number) => {
    const { name, role, photo, app } = s.agent;
    const open = (e: MouseEvent) => pick(e, app);
    return html`<li><a part="agent" href=${appLink(app)} target="_blank" rel="noopener" ?autofocus=${!i} @click=${open} @auxclick=${open}><span class="pic" aria-hidden="true">${initials(name)}${photo ? html`<img src=${photo} alt="" referrerpolicy="no-referrer" @error=${dropPhoto}>` : nothing}<i class=${s.online ? "on" : "off"}></i></span><span class="who"><b>${name}</b>${role ? html`<span>${role}</span>` : nothing}<span class="state">${state(s)}</span></span>${appIcon(app.channel)}</a></li>`;
  };
  if (host.shadowRoot) adoptStyles(host.shadowRoot, agentsStyles);
  openDialog(
    host,
    lang,
    (close) =>
      html`<div class="box" @keydown=${moveFocus}><header><h2 id="t">${strings.title}</h2><button part="close" aria-label=${qrStrings(lang).close} @click=${close}>×</button></header>${nobody ? html`<p id="d" part="agents-notice">${strings.nobody} ${when(Number.isFinite(earliest) ? earliest : undefined)}</p>` : nothing}<ul part="agents">${states.map(item)}</ul></div>`,
  );
  return true;
}

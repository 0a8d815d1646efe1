/**
 * `data-offline="hide"` for the button itself (widget-agents.js): a button that offers the tag's
 * agents is not shown at all while none of them is online, and shows again when someone's hours
 * start, without a reload. widget.js (agents/tap.ts) keeps such a button hidden from the moment
 * it is connected until this chunk has said (no button that flashes and vanishes), and shows it
 * when the chunk cannot load (the chat is never lost to a failed chunk). Hours are whole minutes
 * of the site's zone, so the state is checked at the turn of each minute and when the tab is
 * shown again (a hidden tab's timers are throttled). A button whose panel is open stays until it
 * is closed (the dialog is inside it); a tag whose agents are all invalid keeps its button (a tap
 * offers the tag's own apps).
 */
import { agentStates, readRoster } from "./roster";

/** Shows `host` while an agent is online and hides it otherwise, from now on. */
export function watch(host: HTMLElement): void {
  const update = () => {
    const roster = readRoster(host);
    const shown = !roster.agents.length || agentStates(roster, Date.now()).some((s) => s.online);
    // An open panel stays until it is closed: hiding its button would hide it too.
    if (shown || !host.shadowRoot?.querySelector("dialog[open]"))
      host.style.display = shown ? "" : "none";
  };
  // Now, then at each minute's turn (UTC's minutes are every zone's).
  const tick = () => {
    update();
    setTimeout(tick, 60_000 - (Date.now() % 60_000));
  };
  document.addEventListener("visibilitychange", update);
  tick();
}

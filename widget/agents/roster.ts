/**
 * The site's agents as the script tag sets them (widget-agents.js): `data-agents` parsed once
 * (its problems reported once, `invalid_agents`), `data-timezone` (the site's IANA zone; default
 * the visitor's), `data-offline` (`hide`, `notice` or `open`) and `data-rotate`; and each agent's
 * state at a given instant. Reads widget.js's configuration through the runtime it lends.
 */
import { getConfig, reportError } from "../runtime";
import { isOpen, nextOpening, validZone } from "./hours";
import { type Agent, parseAgents } from "./parse";

/** What an offline agent does: left out, listed with when they reply, or listed as away. */
export type OfflineMode = "hide" | "notice" | "open";

/** The tag's agents and how they are offered. */
export interface Roster {
  agents: Agent[];
  /** The site's time zone; undefined: the visitor's own. */
  zone: string | undefined;
  offline: OfflineMode;
  rotate: boolean;
}

/** An agent at an instant: online, or when their next window opens (undefined: never). */
export interface AgentState {
  agent: Agent;
  online: boolean;
  opens?: number;
}

let roster: Roster | undefined;

/** The tag's roster, read once; `target` reports what the owner should fix (never throws). */
export function readRoster(target: EventTarget): Roster {
  if (roster) return roster;
  const data = getConfig().data;
  const { agents, problems } = parseAgents(data.agents ?? "");
  let zone = data.timezone?.trim() || undefined;
  if (zone && !validZone(zone)) {
    problems.push(
      `data-timezone="${zone}" is not an IANA time zone like "Europe/Berlin" (the visitor's is used)`,
    );
    zone = undefined;
  }
  const offline = data.offline === "hide" || data.offline === "notice" ? data.offline : "open";
  if (problems.length) reportError(target, "invalid_agents", problems.join("; "));
  roster = { agents, zone, offline, rotate: data.rotate === "on" };
  return roster;
}

/** Each agent's state at `now`, in the roster's order. */
export function agentStates(r: Roster, now: number): AgentState[] {
  return r.agents.map((agent) => {
    const hours = agent.hours;
    if (!hours || isOpen(hours, r.zone, now)) return { agent, online: true };
    return { agent, online: false, opens: nextOpening(hours, r.zone, now) };
  });
}

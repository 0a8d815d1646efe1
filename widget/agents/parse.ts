/**
 * Reads `data-agents` (widget-agents.js): a JSON array of agents, each a name, an optional role,
 * photo, business hours and rotation weight, and one chat app — a WhatsApp `number`, or a
 * `telegram`, `messenger` or `instagram` name checked as the tag's own attributes are. Lenient:
 * an invalid entry is left out and an invalid optional field ignored, each named in one problem
 * list that the chunk reports (`invalid_agents`); nothing here throws.
 */
import type { App } from "../channels";
import { CHANNELS, META_APP_NAME, TELEGRAM_BOT_NAME, WA_NUMBER } from "../protocol/click-beacon";
import { parseHours, type Window } from "./hours";

/** One agent as the panel and the rotation use it. */
export interface Agent {
  name: string;
  role: string;
  /** An http(s) URL of the photo, or "" (initials are shown instead). */
  photo: string;
  /** The agent's chat app; `agent` is the name the click beacon carries. */
  app: App & { agent: string };
  /** Share of the rotation's picks (default 1; 0: listed, never picked). */
  weight: number;
  /** Business hours in the site's time zone; undefined: always online. */
  hours?: Window[];
}

/** At most this many agents are read (a panel, not a directory). */
export const AGENTS_MAX = 20;
/** Longest name or role shown. */
const TEXT_MAX = 60;

const VALID: Record<string, RegExp> = {
  whatsapp: WA_NUMBER,
  telegram: TELEGRAM_BOT_NAME,
  messenger: META_APP_NAME,
  instagram: META_APP_NAME,
};

/** A string value without control characters (the beacon refuses them), trimmed; else "". */
const text = (value: unknown) =>
  typeof value === "string" ? value.replace(/\p{Cc}/gu, "").trim() : "";

/** A photo URL: absolute or relative to the page, http(s) only; else "". */
function photoUrl(value: unknown): string {
  try {
    const url = new URL(text(value), location.href);
    return /^https?:$/.test(url.protocol) && url.href.length <= 2048 ? url.href : "";
  } catch {
    return "";
  }
}

/** The agents of `raw` (the attribute's text) and what is wrong with it, for the owner. */
export function parseAgents(raw: string): { agents: Agent[]; problems: string[] } {
  const problems: string[] = [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list)) {
    problems.push('data-agents is not a JSON array like [{"name":"Ana","number":"+1 555 0100"}]');
    return { agents: [], problems };
  }
  if (list.length > AGENTS_MAX) problems.push(`data-agents: only the first ${AGENTS_MAX} are used`);
  const agents: Agent[] = [];
  list.slice(0, AGENTS_MAX).forEach((entry: Record<string, unknown> | null, i) => {
    const name = text(entry?.name).slice(0, TEXT_MAX);
    const at = `data-agents[${i}]${name ? ` (${name})` : ""}`;
    const channel = CHANNELS.find((c) => (c === "whatsapp" ? entry?.number : entry?.[c]));
    const raw = channel && text(channel === "whatsapp" ? entry?.number : entry?.[channel]);
    const target =
      channel === "whatsapp" ? (raw ?? "").replace(/\D/g, "") : (raw ?? "").replace(/^@/, "");
    if (!name || !channel || !(VALID[channel] as RegExp).test(target)) {
      problems.push(
        `${at} left out: it needs a "name" and a valid "number" (or "telegram", "messenger", "instagram")`,
      );
      return;
    }
    const agent: Agent = {
      name,
      role: text(entry?.role).slice(0, TEXT_MAX),
      photo: photoUrl(entry?.photo),
      app: { channel, target, agent: name },
      weight: 1,
    };
    if (entry?.photo !== undefined && !agent.photo)
      problems.push(`${at}: "photo" must be an http(s) URL`);
    const weight = entry?.weight;
    if (weight !== undefined) {
      if (typeof weight === "number" && weight >= 0 && weight <= 1000) agent.weight = weight;
      else problems.push(`${at}: "weight" must be a number from 0 to 1000`);
    }
    if (entry?.hours !== undefined) {
      agent.hours = parseHours(text(entry.hours).slice(0, 300));
      if (!agent.hours)
        problems.push(
          `${at}: "hours" must be like "mo-fr 09:00-18:00; sa 10:00-14:00" (ignored: always online)`,
        );
    }
    agents.push(agent);
  });
  return { agents, problems };
}

/**
 * Sticky rotation (`data-rotate="on"`, widget-agents.js): a returning visitor is sent to the
 * agent the rotation picked for them last time, while that agent is online and still listed, so
 * their conversation goes on with the same person. The pick is remembered in first-party storage
 * (`localStorage["chatref:agent"]`: the agent's name, at most 60 characters, only ever
 * compared, never parsed). A first visit, or a remembered agent who is away or gone, gets a
 * fresh pick by weight, which is remembered in turn. Storage that throws (private modes,
 * sandboxed frames) gives a fresh pick on each tap; it never stops the tap.
 */
import type { Agent } from "./parse";
import { weightedPick } from "./rotation";

/** The storage key (documented in widget/README.md, like `chatref:touch`). */
export const AGENT_KEY = "chatref:agent";

/**
 * The remembered agent when among `online`, else one picked by weight (`random` as
 * weightedPick's); the result is remembered. Undefined when nobody can be picked.
 */
export function stickyPick(online: Agent[], random?: () => number): Agent | undefined {
  let kept: string | null = null;
  try {
    kept = localStorage.getItem(AGENT_KEY);
  } catch {
    // Storage refused: a fresh pick.
  }
  const agent = online.find((a) => a.name === kept) ?? weightedPick(online, random);
  try {
    if (agent) localStorage.setItem(AGENT_KEY, agent.name);
  } catch {
    // Quota or access errors: nothing remembered, the tap goes on.
  }
  return agent;
}

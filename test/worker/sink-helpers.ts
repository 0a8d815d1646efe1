/**
 * The fake destinations of the forwarding tests (test/support/fake-destinations.ts): fresh sinks,
 * their answer plans, what they received, and ports that refuse connections.
 */
import { inject } from "vitest";
import type { PlanStep, Recorded } from "../support/fake-destinations";

export const FAKE = inject("fakeDestinations");

let sinkCounter = 0;
/** A fresh sink name (sinks are shared by every test file). */
export const newSink = (label: string) =>
  `${label}-${Date.now().toString(36)}-${(sinkCounter++).toString(36)}`;

export const sinkUrl = (name: string, base = FAKE) => `${base}/sink/${name}`;

export async function setPlan(name: string, plan: PlanStep[]): Promise<void> {
  const res = await fetch(`${FAKE}/control/sinks/${name}`, {
    method: "POST",
    body: JSON.stringify({ plan }),
  });
  if (!res.ok) throw new Error(`plan failed: ${res.status}`);
}

export async function received(name: string): Promise<Recorded[]> {
  const res = await fetch(`${FAKE}/control/sinks/${name}`);
  return ((await res.json()) as { requests: Recorded[] }).requests;
}

/** Answers the sink's held requests (plan step `hold`). */
export async function releaseHeld(name: string): Promise<number> {
  const res = await fetch(`${FAKE}/control/sinks/${name}/release`, { method: "POST" });
  return ((await res.json()) as { released: number }).released;
}

/** A port nothing listens on (connections refused) until `switchPort(port, true)`. */
export async function closedPort(): Promise<number> {
  const res = await fetch(`${FAKE}/control/ports`, { method: "POST" });
  return ((await res.json()) as { port: number }).port;
}

export async function switchPort(port: number, open: boolean): Promise<void> {
  await fetch(`${FAKE}/control/ports/${port}/${open ? "open" : "close"}`, { method: "POST" });
}

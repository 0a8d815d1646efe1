/**
 * Shared set-up of the fault tests: the destinations' secrets, a console capture (no secret is
 * ever logged), the receiver's de-duplication, and leads with GA4 and Meta ids.
 */

import { Webhook } from "standardwebhooks";
import { vi } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import type { Recorded } from "../support/fake-destinations";
import type { DeliveryOut } from "./forward-helpers";
import { click, deliver, message, newPhone, type TestSite } from "./helpers";

/** The destinations' credentials and the sealing key: none may appear in a log line. */
export const SECRETS = {
  ga4: "fault-ga4-api-secret-0001",
  meta: "fault-meta-access-token-0002",
  key: "test-secret-key-0123456789abcdef",
};

/** Captures everything written to the console (to check no secret is ever logged). */
export function captureConsole() {
  const lines: string[] = [];
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(
        args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "),
      );
    });
  }
  return lines;
}

/** Webhook requests the receiver would process: signature valid, first time it sees the id. */
export function dedupe(requests: Recorded[], secret: string) {
  const verifier = new Webhook(secret);
  const seen = new Map<string, string>();
  for (const r of requests) {
    if (r.answer !== 200 && r.answer !== "slow") continue;
    const id = r.headers["webhook-id"] ?? "";
    verifier.verify(r.body, {
      "webhook-id": id,
      "webhook-timestamp": r.headers["webhook-timestamp"] ?? "",
      "webhook-signature": r.headers["webhook-signature"] ?? "",
    });
    if (!seen.has(id)) seen.set(id, r.body);
  }
  return seen;
}

/** Records `n` leads, each from a click with its own GA client id and fbp; returns the client ids. */
export async function leads(site: TestSite, n: number) {
  const clients: string[] = [];
  for (let i = 0; i < n; i++) {
    const client = `${1000 + i}.${Date.now()}`;
    clients.push(client);
    const ref = await click(site, {
      utm_source: "google",
      ga_client_id: client,
      fbp: `fb.1.1.${i}`,
    });
    await deliver(site, message({ from: newPhone(), body: `Hello ${formatRef(ref)}` }));
  }
  return clients;
}

/** The delivery log rows of one destination kind. */
export const byKind = (rows: DeliveryOut[], kind: string) =>
  rows.filter((r) => r.destination.kind === kind);

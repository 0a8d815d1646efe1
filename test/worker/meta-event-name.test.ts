/**
 * Meta event names per destination (worker/forward/meta-capi.ts): `Lead` for website leads and
 * `LeadSubmitted` for Click-to-WhatsApp leads by default (protocols.md §5.1), a destination's
 * `event_name` for both, changed or cleared with a PATCH (no release), and bad names refused.
 */
import { describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import ctwaFixture from "../fixtures/whatsapp-ctwa-referral.json";
import { apiSend, received } from "./forward-helpers";
import { json, leadAndForward, siteWithDestinations } from "./forward-shapes-helpers";
import { click, message, newPhone } from "./helpers";

const { welcome_message: _welcome, ...referral } = ctwaFixture.entry[0]?.changes[0]?.value
  .messages[0]?.referral ?? { welcome_message: null, ctwa_clid: "" };

type Site = Awaited<ReturnType<typeof siteWithDestinations>>;

/** The names Meta gets with no `event_name` set: a website lead's, then a CTWA lead's. */
const DEFAULT_NAMES = [
  ["chat", "Lead"],
  ["business_messaging", "LeadSubmitted"],
];

/** PATCHes the Meta destination's `event_name`: answered 200; the answer. */
async function patchName({ site, meta }: Site, name: string | null) {
  const res = await apiSend(site, "PATCH", `/api/v1/destinations/${meta.id}`, { event_name: name });
  expect(res.status).toBe(200);
  return res;
}

/** Forwards one website lead and one Click-to-WhatsApp lead; returns the event names Meta got. */
async function namesSent({ site, sinks }: Site) {
  const before = (await received(sinks.meta)).length;
  const ref = await click(site, { utm_source: "facebook", fbclid: "IwAR-event-name" });
  await leadAndForward(site, message({ from: newPhone(), body: `Hi ${formatRef(ref)}` }));
  await leadAndForward(
    site,
    message({
      from: newPhone(),
      body: "Info please",
      referral,
      timestamp: Math.floor(Date.now() / 1000) - 30,
    }),
  );
  const reqs = (await received(sinks.meta)).slice(before);
  return reqs.map((r) => {
    const event = (json(r.body).data as Record<string, unknown>[])[0] ?? {};
    return [event.action_source, event.event_name];
  });
}

describe("meta_capi: event_name", () => {
  it("defaults: Lead for a website lead, LeadSubmitted for a Click-to-WhatsApp lead (§5.1)", async () => {
    const s = await siteWithDestinations();
    expect(s.meta.config).not.toHaveProperty("event_name");
    expect(await namesSent(s)).toEqual(DEFAULT_NAMES);
  });

  it("a PATCH sets it for both shapes without a release; null goes back to the defaults", async () => {
    const s = await siteWithDestinations();
    const set = await patchName(s, "  QualifiedLead ");
    expect(((await set.json()) as { config: Record<string, unknown> }).config.event_name).toBe(
      "QualifiedLead",
    );
    expect(await namesSent(s)).toEqual([
      ["chat", "QualifiedLead"],
      ["business_messaging", "QualifiedLead"],
    ]);
    await patchName(s, "WhatsApp chat_1");
    expect((await namesSent(s)).map(([, name]) => name)).toEqual([
      "WhatsApp chat_1",
      "WhatsApp chat_1",
    ]);
    await patchName(s, null);
    expect(await namesSent(s)).toEqual(DEFAULT_NAMES);
  });

  it("refuses names outside [A-Za-z0-9_ ]{1,40} at create and PATCH; nothing changes", async () => {
    const s = await siteWithDestinations();
    const path = `/api/v1/destinations/${s.meta.id}`;
    for (const bad of ["", "Lead<script>", "Lead-Form", "x".repeat(41), "Łead"]) {
      const res = await apiSend(s.site, "PATCH", path, { event_name: bad });
      const text = await res.text();
      expect(res.status, bad).toBe(400);
      expect(JSON.parse(text)).toEqual({
        error: {
          code: "validation_failed",
          message: "event_name: 1–40 letters, digits, spaces or underscores",
        },
      });
    }
    const created = await apiSend(s.site, "POST", "/api/v1/destinations", {
      kind: "meta_capi",
      name: "Meta 2",
      dataset_id: "123",
      access_token: "another-meta-token-1",
      event_name: "Lead; DROP",
    });
    expect(created.status).toBe(400);
    const shown = (await (await apiSend(s.site, "GET", path)).json()) as {
      config: Record<string, unknown>;
    };
    expect(shown.config).not.toHaveProperty("event_name");
    const ok = await apiSend(s.site, "POST", "/api/v1/destinations", {
      kind: "meta_capi",
      name: "Meta 3",
      dataset_id: "123",
      access_token: "another-meta-token-1",
      event_name: "Contact",
    });
    expect(ok.status).toBe(201);
  });
});

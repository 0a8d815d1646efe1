/**
 * Property test of the Twilio webhook (fast-check, inside workerd with real D1): 300 generated
 * forms, valid ones with parameters replaced by arbitrary strings (unicode, empty, huge) or
 * removed, each signed with the connection's Auth Token → never a 5xx; a form without a message
 * SID or a WhatsApp `To` stores nothing, and the signature never depends on parameter order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { twilioSignature } from "../../worker/adapters/twilio/signature";
import { createSite, newPhone } from "./helpers";
import { connectTwilio, sendTwilio, storedFor, twilioForm } from "./twilio-helpers";

const NAMES = ["MessageSid", "From", "To", "Body", "ProfileName", "NumMedia", "MediaContentType0"];
const NAMES_MORE = [...NAMES, "ReferralSourceId", "ReferralCtwaClid", "ButtonPayload", "WaId"];

const change = fc.oneof(
  fc.record({
    name: fc.constantFrom(...NAMES_MORE),
    value: fc.option(fc.string({ maxLength: 64 })),
  }),
  fc.record({
    name: fc.constantFrom(...NAMES_MORE),
    value: fc.constantFrom("", "x".repeat(20_000), "whatsapp:+", "🙂", "whatsapp:+0", null),
  }),
);

describe("Twilio webhook (property)", () => {
  it("answers every signed form with 200 or a 4xx, never a 5xx", async () => {
    const site = await createSite();
    const conn = await connectTwilio(site);
    let storedExpected = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 3 }), async (changes) => {
        const form = twilioForm(conn, newPhone(), "hi");
        for (const { name, value } of changes)
          if (value === null) delete form[name];
          else form[name] = value;
        const res = await sendTwilio(conn, form);
        expect(res.status, JSON.stringify(changes)).toBeLessThan(500);
        if (res.status === 200) storedExpected++;
        else expect([400, 404]).toContain(res.status);
      }),
      { numRuns: 300 },
    );
    expect(await storedFor(conn.to)).toHaveLength(storedExpected);
  }, 120_000);

  it("signs the same parameters the same way in any order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 })),
        async (params) => {
          const pairs = Object.entries(params);
          const a = await twilioSignature("tok", "https://x.test/w", pairs);
          const b = await twilioSignature("tok", "https://x.test/w", [...pairs].reverse());
          expect(a).toBe(b);
        },
      ),
      { numRuns: 200 },
    );
  });
});

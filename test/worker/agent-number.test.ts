/**
 * One number, two written forms: Brazil's mobile `9`, Mexico's `1` and Argentina's `9` may be in
 * the widget's `data-number` and not in what the provider reports as the receiving number (or the
 * other way round). A ref opened to either form is attributed on the other; the SQL form of the
 * rule equals the JavaScript one.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { canonicalNumber, canonicalNumberText } from "../../worker/attribution/ref-number";
import { clickTo, connectCloudNumber as connect, leadOf, writeTo } from "./agent-helpers";
import canonicalCases from "./cases/canonical-number.json";
import { createSite } from "./helpers";
import { expectEach } from "./maps-to";

/** A random 8-digit subscriber number, so parallel tests never share a number. */
const subscriber = () => String(10_000_000 + Math.floor(Math.random() * 89_999_999));

describe("canonicalNumber", () => {
  it("reduces the long form of Brazilian, Mexican and Argentine mobiles, keeps the rest", () => {
    expectEach(canonicalNumber, canonicalCases.cases as [string | null, string | null][]);
  });

  it("its SQL form gives the same answer for any digits (D1)", async () => {
    const digits = fc.oneof(
      fc.stringMatching(/^\d{6,15}$/),
      fc.stringMatching(/^(55\d\d9|521|549)\d{8,10}$/),
    );
    const samples = fc.sample(digits, { numRuns: 300, seed: 16 });
    const stmt = env.DB.prepare(`select ${canonicalNumberText("?1")} as n`);
    const rows = await env.DB.batch<{ n: string }>(samples.map((s) => stmt.bind(s)));
    rows.forEach((r, i) => {
      expect(r.results[0]?.n, samples[i]).toBe(canonicalNumber(samples[i]));
    });
  });
});

describe("a ref opened to one written form of the number", () => {
  it("is attributed on the other form, and the lead keeps the form the widget opened", async () => {
    const site = await createSite();
    const local = subscriber();
    const received = await connect(site, `5511${local}`);
    const ref = await clickTo(site, `55119${local}`, "Ana");
    const phone = await writeTo(received, `Oi! ${formatRef(ref)}`);
    expect(await leadOf(site, phone)).toMatchObject({
      attribution: "ref",
      ref,
      touch: { number: `55119${local}`, agent: "Ana" },
    });
  });

  it("the short form opened, the long form received: attributed too (Mexico)", async () => {
    const site = await createSite();
    const local = `55${subscriber()}`;
    const received = await connect(site, `521${local}`);
    const ref = await clickTo(site, `52${local}`);
    const phone = await writeTo(received, `Hola ${formatRef(ref)}`);
    expect(await leadOf(site, phone)).toMatchObject({ attribution: "ref", ref });
  });

  it("another number with the same last digits is still another number", async () => {
    const site = await createSite();
    const local = subscriber();
    const received = await connect(site, `5521${local}`);
    const ref = await clickTo(site, `55119${local}`);
    const phone = await writeTo(received, `Oi! ${formatRef(ref)}`);
    expect(await leadOf(site, phone)).toMatchObject({ attribution: "none", ref: null });
  });
});

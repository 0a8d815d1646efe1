/**
 * A ref is bound to the WhatsApp number it opened (attribution/ref-number.ts): a message on that
 * number attributes it, with the number and agent in the lead JSON; the same ref written to
 * another of the site's numbers is not attributed, the click stays open, and the mismatch shows
 * in GET /api/v1/setup; an older widget's click (no number) is attributed on any number.
 */
import { describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import type { SetupJson } from "../../worker/api/setup-schema";
import { MAX_CANDIDATES } from "../../worker/attribution/ref-matcher";
import { message } from "../support/whatsapp-envelope";
import { admin } from "./admin-helpers";
import {
  clickRow,
  clickTo,
  connectCloudNumber,
  deliverTo,
  leadOf,
  OWN_NUMBER,
  ownNumber,
  writeTo,
} from "./agent-helpers";
import { apiOk, createSite, newPhone } from "./helpers";

describe("a ref bound to its number", () => {
  it("on the number it opened: attributed, the lead shows the number and the agent", async () => {
    const site = await createSite();
    const ref = await clickTo(site, OWN_NUMBER, "Ana");
    const phone = await writeTo(ownNumber(site), `Hi! ${formatRef(ref)}`);
    const lead = await leadOf(site, phone);
    expect(lead).toMatchObject({
      attribution: "ref",
      ref,
      touch: { utm_source: "google", number: OWN_NUMBER, agent: "Ana", placement: "button" },
    });
    // One lead JSON for every reader: GET /api/v1/leads/{id} says the same.
    const one = await apiOk<{ touch: Record<string, unknown> }>(site, `/api/v1/leads/${lead.id}`);
    expect(one.touch).toMatchObject({ number: OWN_NUMBER, agent: "Ana" });
  });

  it("on another number of the same site: not attributed, click left open, reason in setup", async () => {
    const site = await createSite();
    const second = await connectCloudNumber(site);
    const ref = await clickTo(site, OWN_NUMBER, "Ana");
    const phone = await writeTo(second, `Hi! ${formatRef(ref)}`);
    const lead = await leadOf(site, phone);
    expect(lead).toMatchObject({ attribution: "none", ref: null });
    expect(lead.touch).toMatchObject({ number: null, agent: null, utm_source: null });
    expect((await clickRow(site, ref))?.contactId).toBeNull();

    const setup = await apiOk<SetupJson>(site, "/api/v1/setup");
    expect(setup.rejected_refs).toEqual([
      {
        reason: "ref_other_number",
        opened_number: OWN_NUMBER,
        received_number: second.number,
        count: 1,
        last_at: expect.any(String),
        fix: expect.stringContaining(`+${second.number}`),
      },
    ]);

    // The ref is still the number's own: written to it, it attributes (another person here).
    const rightful = await writeTo(ownNumber(site), `Hi! ${ref}`);
    expect(await leadOf(site, rightful)).toMatchObject({ attribution: "ref", ref });
  });

  it("a message delivered twice counts its mismatch once", async () => {
    const site = await createSite();
    const second = await connectCloudNumber(site);
    const ref = await clickTo(site, OWN_NUMBER);
    const msg = message({ from: newPhone(), body: `Hi ${ref}` });
    await deliverTo(second, msg);
    // Meta retries with the same message in a new body (another delivery, same message id).
    await deliverTo(second, msg, message({ from: newPhone(), body: "hello" }));
    const setup = await apiOk<SetupJson>(site, "/api/v1/setup");
    expect(setup.rejected_refs.map((r) => r.count)).toEqual([1]);
  });

  it("the widest message (eight refs and an ad referral) picks the ref of its own number", async () => {
    const site = await createSite();
    const second = await connectCloudNumber(site);
    const foreign = await Promise.all(
      Array.from({ length: MAX_CANDIDATES - 1 }, () => clickTo(site, OWN_NUMBER)),
    );
    const own = await clickTo(site, second.number, "Bruno");
    const phone = newPhone();
    await deliverTo(
      second,
      message({
        from: phone,
        body: [...foreign, own].join(" "),
        referral: { source_type: "ad", source_id: "120", ctwa_clid: "ARAk" },
      }),
    );
    expect(await leadOf(site, phone)).toMatchObject({
      attribution: "ref",
      ref: own,
      touch: { number: second.number, agent: "Bruno" },
    });
    const setup = await apiOk<SetupJson>(site, "/api/v1/setup");
    expect(setup.rejected_refs).toMatchObject([{ count: MAX_CANDIDATES - 1 }]);
  });

  it("an older widget's click (no number) is attributed on any of the site's numbers", async () => {
    const site = await createSite();
    const second = await connectCloudNumber(site);
    const ref = await clickTo(site);
    expect((await clickRow(site, ref))?.number).toBeNull();
    const phone = await writeTo(second, `Hi ${ref}`);
    expect(await leadOf(site, phone)).toMatchObject({
      attribution: "ref",
      ref,
      touch: { number: null, agent: null },
    });
    expect((await apiOk<SetupJson>(site, "/api/v1/setup")).rejected_refs).toEqual([]);
  });

  it("two numbers of one site each attribute their own refs, to their own agents", async () => {
    const site = await createSite();
    const bruno = await connectCloudNumber(site);
    const refAna = await clickTo(site, OWN_NUMBER, "Ana");
    const refBruno = await clickTo(site, bruno.number, "Bruno");
    const toAna = await writeTo(ownNumber(site), `Oi ${refAna}`);
    const toBruno = await writeTo(bruno, `Oi ${refBruno}`);
    expect(await leadOf(site, toAna)).toMatchObject({
      attribution: "ref",
      ref: refAna,
      touch: { number: OWN_NUMBER, agent: "Ana" },
    });
    expect(await leadOf(site, toBruno)).toMatchObject({
      attribution: "ref",
      ref: refBruno,
      touch: { number: bruno.number, agent: "Bruno" },
    });
  });

  it("a further Cloud API number belongs to one site: another site's connection is a 409", async () => {
    const site = await createSite();
    const other = await createSite();
    const second = await connectCloudNumber(site);
    const res = await admin("POST", `/api/v1/sites/${other.id}/connections`, {
      channel: "whatsapp",
      provider: "whatsapp",
      phone_number_id: second.phoneNumberId,
    });
    expect(res.status).toBe(409);
    // Nor can a site's own number be connected again, to it or to another site.
    for (const target of [site, other])
      expect(
        (
          await admin("POST", `/api/v1/sites/${target.id}/connections`, {
            channel: "whatsapp",
            provider: "whatsapp",
            phone_number_id: site.phoneNumberId,
          })
        ).status,
      ).toBe(409);
    // Its messages still go to the first site only.
    const ref = await clickTo(site, second.number);
    const phone = await writeTo(second, `Hi ${ref}`);
    expect(await leadOf(site, phone)).toMatchObject({ attribution: "ref", ref });
    const page = await apiOk<{ data: unknown[] }>(other, "/api/v1/leads");
    expect(page.data).toEqual([]);
  });
});

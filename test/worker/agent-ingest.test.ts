/**
 * The click beacon's `number` and `agent` (widget/protocol/click-beacon.ts): validated at the
 * edge (a 400 in the one error shape), stored on the click; a scan stores its site's number; the
 * receiving number is read from each WhatsApp provider (Cloud API and 360dialog:
 * `display_phone_number`; Twilio: `To`), so a ref opened to another number is not attributed
 * through any of them; and the inference never picks a click opened to another number.
 */
import { describe, expect, it } from "vitest";
import { AGENT_MAX } from "../../widget/protocol/click-beacon";
import { mintRef } from "../../widget/protocol/ref-codec";
import { parseWhatsAppDelivery } from "../../worker/adapters/whatsapp/payload";
import { envelope, message } from "../support/whatsapp-envelope";
import { expectError } from "./admin-helpers";
import {
  clickRow,
  clickTo,
  connectCloudNumber,
  leadOf,
  OWN_NUMBER,
  writeTo,
} from "./agent-helpers";
import { apiOk, call, createSite, newPhone, postLink, type TestSite } from "./helpers";
import { connectTwilio, sendTwilio, twilioForm } from "./twilio-helpers";

const beacon = (site: TestSite, extra: object) =>
  call(
    new Request("https://chatref.test/v1/clicks", {
      method: "POST",
      headers: { "content-type": "text/plain", origin: site.origin },
      body: JSON.stringify({
        site: site.key,
        ref: mintRef(),
        placement: "button",
        page_url: `${site.origin}/`,
        touch: {},
        ...extra,
      }),
    }),
  );

describe("the beacon's number and agent", () => {
  it.each([
    ["a number with a plus", { number: "+15550001111" }],
    ["a number with spaces", { number: "1555 000 1111" }],
    ["a number too short", { number: "12345" }],
    ["a number too long", { number: "1234567890123456" }],
    ["a number as a JSON number", { number: 15550001111 }],
    ["an agent too long", { agent: "a".repeat(AGENT_MAX + 1) }],
    ["an empty agent", { agent: "   " }],
    ["an agent with a control character", { agent: "Ana\u0000" }],
  ])("rejects %s with a 400 and stores nothing", async (_, extra) => {
    const site = await createSite();
    await expectError(await beacon(site, extra), 400, "validation_failed");
    expect((await apiOk<{ beacon: { at: string | null } }>(site, "/api/v1/setup")).beacon.at).toBe(
      null,
    );
  });

  it("stores the number and the trimmed agent name (64 characters after trimming)", async () => {
    const site = await createSite();
    const name = `  ${"Ã".repeat(AGENT_MAX)}  `;
    const ref = await clickTo(site, "5511912345678", name);
    expect(await clickRow(site, ref)).toMatchObject({
      number: "5511912345678",
      agent: "Ã".repeat(AGENT_MAX),
    });
  });

  it("a campaign link's scan is bound to the site's number", async () => {
    const site = await createSite();
    const res = await postLink(site, { name: "Poster", utm_source: "poster" });
    const link = (await res.json()) as { code: string };
    const scan = await call(
      new Request(`https://chatref.test/r/${link.code}`, {
        headers: { "user-agent": "Mozilla/5.0 (iPhone) Mobile/15E148" },
        redirect: "manual",
      }),
    );
    expect(scan.headers.get("location")).toMatch(/^https:\/\/wa\.me\/15550001111\?text=/);
    const text = decodeURIComponent(scan.headers.get("location")?.split("text=")[1] ?? "");
    const ref = /[0-9A-Z]{5}-?[0-9A-Z]{5}/.exec(text)?.[0]?.replace("-", "") ?? "";
    expect((await clickRow(site, ref))?.number).toBe(site.waNumber);
  });
});

describe("the receiving number of each provider", () => {
  it("Cloud API: display_phone_number's digits, as written (+, spaces, hyphens)", () => {
    const body = envelope("1001", [message({ from: "15557654321", body: "hi" })]);
    const value = body.entry[0]?.changes[0]?.value;
    if (value) value.metadata.display_phone_number = "+1 555-000 2222";
    expect(parseWhatsAppDelivery(body)?.messages[0]?.businessNumber).toBe("15550002222");
    if (value) value.metadata.display_phone_number = "not a number";
    expect(parseWhatsAppDelivery(body)?.messages[0]?.businessNumber).toBeNull();
  });

  it("Twilio: a ref opened to another number is not attributed through To", async () => {
    const site = await createSite();
    const conn = await connectTwilio(site);
    const twilioNumber = conn.to.replace("whatsapp:+", "");
    const mine = await clickTo(site, twilioNumber, "Ana");
    const other = await clickTo(site, OWN_NUMBER, "Bruno");
    const [a, b] = [newPhone(), newPhone()];
    expect((await sendTwilio(conn, twilioForm(conn, a, `Hi ${mine}`))).status).toBe(200);
    expect((await sendTwilio(conn, twilioForm(conn, b, `Hi ${other}`))).status).toBe(200);
    expect(await leadOf(site, a)).toMatchObject({
      attribution: "ref",
      touch: { number: twilioNumber, agent: "Ana" },
    });
    expect(await leadOf(site, b)).toMatchObject({ attribution: "none", ref: null });
  });
});

describe("inference and the number", () => {
  const GREETING = "Hello! I'd like to know more.";

  it("a click opened to another number is no candidate: the number's own click is inferred", async () => {
    const site = await createSite();
    const second = await connectCloudNumber(site);
    // Two visitors tap at the same time, one to each number: each number has one candidate.
    const toOwn = await clickTo(site, OWN_NUMBER, "Ana", { lang: "en" });
    const toSecond = await clickTo(site, second.number, "Bruno", { lang: "en" });
    const onSecond = await writeTo(second, GREETING, undefined, 20);
    const lead = await leadOf(site, onSecond);
    expect(lead).toMatchObject({
      attribution: "inferred",
      touch: { number: second.number, agent: "Bruno" },
    });
    expect(lead.inference?.click_ref).toBe(toSecond);
    expect((await clickRow(site, toOwn))?.contactId).toBeNull();
  });

  it("a lone click opened to another number is never inferred nor consumed", async () => {
    const site = await createSite();
    const second = await connectCloudNumber(site);
    const ref = await clickTo(site, OWN_NUMBER, "Ana", { lang: "en" });
    const elsewhere = await writeTo(second, GREETING, undefined, 20);
    expect(await leadOf(site, elsewhere)).toMatchObject({ attribution: "none" });
    expect((await clickRow(site, ref))?.contactId).toBeNull();
  });
});

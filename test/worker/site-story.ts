/**
 * The site story the stats and leads-filter tests read: P1 clicks a Google Ads button (first
 * touch), later an e-mail QR panel (last touch); a Bing organic visitor clicks but never writes;
 * a poster's campaign-link scan becomes P2's lead; P3 comes from a Click-to-WhatsApp ad (the
 * official fixture); P4 writes with no ref.
 */
import { expect } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import ctwaFixture from "../fixtures/whatsapp-ctwa-referral.json?raw";
import {
  call,
  click,
  clickRequest,
  deliver,
  message,
  newPhone,
  postLink,
  type TestSite,
} from "./helpers";
import { GOOGLE_SPRING } from "./touch-fixtures";

/** The fixture's Click-to-WhatsApp message (text and referral). */
export const ctwa = JSON.parse(ctwaFixture).entry[0].changes[0].value.messages[0];

/** Plays the story on `site`; returns the poster link's id and the four phones. */
export async function seedSiteStory(site: TestSite) {
  const t0 = Math.floor(Date.now() / 1000) - 600;
  const phone = { p1: newPhone(), p2: newPhone(), p3: newPhone(), p4: newPhone() };
  const adRef = await click(site, {
    ...GOOGLE_SPRING,
    landing_url: `${site.origin}/shoes?utm_source=google`,
  });
  await click(site, { referrer: "https://www.bing.com/search?q=shoes" });
  const mail = clickRequest(
    site,
    { utm_source: "newsletter", utm_medium: "email", utm_campaign: "november" },
    undefined,
    { placement: "qr_panel" },
  );
  expect((await call(mail.request)).status).toBe(201);
  await deliver(site, message({ from: phone.p1, body: `Hi ${formatRef(adRef)}`, timestamp: t0 }));
  await deliver(site, message({ from: phone.p1, body: `Again ${mail.ref}`, timestamp: t0 + 60 }));

  const created = await postLink(site, {
    name: "Poster",
    utm_source: "poster",
    utm_medium: "offline",
  });
  const link = (await created.json()) as { id: string; code: string };
  const scan = await call(
    new Request(`https://chatref.test/r/${link.code}`, {
      headers: { "user-agent": "Mozilla/5.0 (iPhone) Mobile" },
      redirect: "manual",
    }),
  );
  const text = new URL(scan.headers.get("location") ?? "").searchParams.get("text") ?? "";
  await deliver(site, message({ from: phone.p2, body: text, timestamp: t0 + 5 }));
  await deliver(
    site,
    message({ from: phone.p3, body: ctwa.text.body, referral: ctwa.referral, timestamp: t0 }),
  );
  await deliver(site, message({ from: phone.p4, body: "Do you ship?", timestamp: t0 }));
  return { linkId: link.id, phone };
}

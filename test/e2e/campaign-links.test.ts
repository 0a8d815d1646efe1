/**
 * Printed campaign codes through the real local Worker: create a link with the API, check that
 * its SVG (rendered by Chromium) and PNG decode to the short link at two sizes, scan it with a
 * phone, send the prefilled message, and read the lead with the link's UTM tags and id.
 */
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { DEMO, sendWhatsApp, useLocalProduct, waitForLead } from "../support/local-worker";

const product = useLocalProduct();
const auth = { authorization: `Bearer ${DEMO.apiKey}` };

function decodePng(bytes: Buffer): string | undefined {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe("campaign links (e2e)", () => {
  it("create → print (SVG, PNG) → scan → message → lead with the link's tags", async () => {
    const created = await fetch(`${product.worker.base}/api/v1/links`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Shop window",
        utm_source: "window",
        utm_medium: "offline",
        utm_campaign: "autumn",
      }),
    });
    expect(created.status).toBe(201);
    const link = (await created.json()) as { id: string; short_url: string };
    expect(link.short_url).toMatch(new RegExp(`^${product.worker.base}/r/[0-9a-z]{8}$`));

    const svg = await (
      await fetch(`${product.worker.base}/api/v1/links/${link.id}/qr.svg`, { headers: auth })
    ).text();
    const page = await product.browser.newPage();
    for (const px of [180, 640]) {
      await page.setViewportSize({ width: px + 40, height: px + 40 });
      await page.setContent(
        `<body style="margin:20px;background:#fff"><img id="qr" width="${px}" height="${px}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}"></body>`,
      );
      const shot = await page.locator("#qr").screenshot();
      expect(decodePng(shot), `SVG at ${px}px`).toBe(link.short_url);
    }
    await page.close();
    for (const size of [300, 1200]) {
      const png = await fetch(
        `${product.worker.base}/api/v1/links/${link.id}/qr.png?size=${size}`,
        {
          headers: auth,
        },
      );
      expect(decodePng(Buffer.from(await png.arrayBuffer())), `PNG at ${size}px`).toBe(
        link.short_url,
      );
    }

    const scanned = await fetch(link.short_url, {
      redirect: "manual",
      headers: {
        "user-agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile",
        "accept-language": "es-ES,es;q=0.9",
      },
    });
    expect(scanned.status).toBe(302);
    const chat = new URL(scanned.headers.get("location") ?? "");
    expect(chat.origin + chat.pathname).toBe(`https://wa.me/${DEMO.number}`);
    const text = chat.searchParams.get("text") ?? "";
    expect(text).toContain("Hola");

    const phone = `1555${Date.now().toString().slice(-7)}`;
    expect((await sendWhatsApp(product.worker.base, phone, text)).status).toBe(200);
    const lead = await waitForLead(product.worker.base, phone);
    expect(lead).toMatchObject({
      attribution: "ref",
      touch: {
        utm_source: "window",
        utm_medium: "offline",
        utm_campaign: "autumn",
        placement: "link",
        link_id: link.id,
      },
    });
    const listed = (await (
      await fetch(`${product.worker.base}/api/v1/links/${link.id}`, { headers: auth })
    ).json()) as Record<string, unknown>;
    expect(listed).toMatchObject({ scan_count: 1, lead_count: 1 });
  });
});

/**
 * `POST /v1/clicks` with the beacon's `channel`: the chat app is stored on the click
 * (`clicks.chat_app`), a beacon without one (older widgets) is WhatsApp's, and a channel outside
 * the closed set is a 400 that writes nothing.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clicks } from "../../worker/db/schema";
import { call, clickRequest, createSite, db } from "./helpers";

async function storedApp(ref: string): Promise<string[]> {
  const rows = await db().select().from(clicks).where(eq(clicks.ref, ref)).all();
  return rows.map((r) => r.chatApp);
}

describe("POST /v1/clicks channel", () => {
  it.each(["telegram", "messenger", "instagram", "whatsapp"])("stores %s", async (channel) => {
    const site = await createSite();
    const { ref, request } = clickRequest(site, { utm_source: "google" }, undefined, { channel });
    const res = await call(request);
    expect(res.status).toBe(201);
    expect(await storedApp(ref)).toEqual([channel]);
  });

  it("defaults to whatsapp when an older widget sends no channel", async () => {
    const site = await createSite();
    const { ref, request } = clickRequest(site, {});
    expect((await call(request)).status).toBe(201);
    expect(await storedApp(ref)).toEqual(["whatsapp"]);
  });

  it.each(["viber", "", "TELEGRAM", 7])(
    "rejects channel %j with a 400, writing nothing",
    async (channel) => {
      const site = await createSite();
      const { ref, request } = clickRequest(site, {}, undefined, { channel });
      const res = await call(request);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
      expect(await storedApp(ref)).toEqual([]);
    },
  );
});

/**
 * Telegram's Start button is no consent (adapters/telegram/update.ts): it sends `/start` (with a
 * deep link's ref, or bare when the chat is opened or a stopped bot restarted), which the person
 * never typed. So it neither opts a new contact in nor reverses a `/stop` made in the chat; a
 * typed START still does.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  newTgUser,
  sendUpdate,
  siteWithBot,
  type TestBot,
  type TgUser,
  textUpdate,
} from "./telegram-helpers";

/** `text` from `user`, sent `ago` seconds before now. */
async function say(bot: TestBot, user: TgUser, text: string, ago: number) {
  const update = textUpdate(user, text);
  update.message.date = Math.floor(Date.now() / 1000) - ago;
  expect((await sendUpdate(bot, update)).status).toBe(200);
}

/** The marketing status of a Telegram user's contact on the site. */
async function statusOf(siteId: string, user: TgUser) {
  const row = await env.DB.prepare(
    `select c.marketing_status as status from contacts c join contact_identities i
       on i.contact_id = c.id where i.site_id = ? and i.kind = 'tg_user' and i.value = ?`,
  )
    .bind(siteId, String(user.id))
    .first<{ status: string | null }>();
  return row?.status;
}

describe("Telegram's Start button", () => {
  it("opts no one in, and a restart after /stop leaves the contact opted out", async () => {
    const { site, bot } = await siteWithBot();
    const user = newTgUser();
    await say(bot, user, "/start", 300);
    expect(await statusOf(site.id, user)).toBeNull();
    await say(bot, user, "/stop", 200);
    expect(await statusOf(site.id, user)).toBe("opted_out");
    await say(bot, user, "/start", 100);
    expect(await statusOf(site.id, user)).toBe("opted_out");
    // Typed by the person, START is their word, as in WhatsApp.
    await say(bot, user, "START", 10);
    expect(await statusOf(site.id, user)).toBe("opted_in");
  });
});

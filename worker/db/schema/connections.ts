/** A site's accounts in chat apps other than its WhatsApp number (Telegram bots, …). */
import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { siteId, timestamps } from "./columns";
import { CHANNELS, PROVIDERS } from "./enums";

/** One row per provider account; webhooks find their site through it. */
export const channelConnections = sqliteTable(
  "channel_connections",
  {
    id: text("id").primaryKey(),
    siteId: siteId(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    provider: text("provider", { enum: PROVIDERS }).notNull(),
    /** The provider's id of the account: a Telegram bot's numeric id. */
    accountId: text("account_id").notNull(),
    /** Its public name: a Telegram bot's username (deep links `t.me/<username>`). */
    username: text("username"),
    /** The webhook secret (Telegram `secret_token`), sealed (forward/secrets.ts). */
    secret: text("secret"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("channel_connections_account_unique").on(t.provider, t.accountId),
    index("channel_connections_site_idx").on(t.siteId),
  ],
);

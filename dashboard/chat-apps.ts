/**
 * The chat apps a conversation can start in (the widget's list, as the stats API filters and
 * groups by them) and their names: brand names, written as the vendors do and never translated.
 */
import { CHANNELS, type Channel } from "../widget/protocol/click-beacon";

/** The chat apps, in the order the dashboard lists them. */
export const CHAT_APPS = CHANNELS;
export type ChatApp = Channel;

const NAMES: Record<ChatApp, string> = {
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  messenger: "Messenger",
  instagram: "Instagram",
};

/** Whether `s` is a chat app's id. */
export const isChatApp = (s: string | null | undefined): s is ChatApp =>
  (CHAT_APPS as readonly (string | null | undefined)[]).includes(s);

/** The name of a chat app shown to people (an unknown id as it is). */
export const chatAppName = (app: string): string => (isChatApp(app) ? NAMES[app] : app);

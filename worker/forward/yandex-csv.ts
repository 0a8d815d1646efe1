/**
 * A lead as one line of a Yandex Metrica offline-conversion upload (protocols.md §6.2), and the
 * upload's CSV and multipart body.
 *
 * - CHATS (default): `DateTime` (the first message, Unix seconds), `ChatPlatform` (`whatsapp` or
 *   `telegram` from the lead's chat app), `ChatUserID` (the contact's public id: Yandex's flow is
 *   "your own chat id joined to the Metrica ids"; the phone is not sent — Metrica does not state
 *   its format, and the chat id already names the chat), and `ClientId` / `Yclid` for
 *   attribution. Messenger and Instagram leads are skipped with a reason: Metrica's CHATS type
 *   lists only whatsapp, telegram and viber (a site that wants them sends BASIC with a goal).
 * - BASIC: `ClientId`, `Yclid`, `Target` (the configured goal), `DateTime`, and `Price` /
 *   `Currency` when set, in the order of Yandex's sample (which starts with `ClientId`). A lead
 *   without a Metrica id is skipped (nothing to attribute).
 * - Sale events (`lead.qualified`, `lead.purchase`): a BASIC line whatever the destination's
 *   upload type (CHATS is for the chat itself), `Target` = the event's goal (yandex-config.ts
 *   `event_goals`), `DateTime` = when the sale happened (never in the future), `Price` /
 *   `Currency` = the event's own value when it has one (a purchase; a qualified lead sent with a
 *   value too). Refunds and lost deals are skipped with a reason: Metrica's offline conversions
 *   have no negative or cancelling line [assumed: §6.2 lists no such column or type]. A sale
 *   event of a lead without a Metrica id is skipped (nothing to attribute it to), and so is one
 *   whose visit is older than 21 days [assumed: §6.2's 21 days read as "from the visit", the
 *   session Metrica supplements; the time of the sale does not move it].
 * - `ClientId`: the visit's `_ym_uid` cookie (the click's `ym_uid`, which the widget reads; Metrica's
 *   `getClientID` answers the same digits), sent only when it is digits, as Metrica's ids are.
 * - 21 days: Metrica joins a conversion to a visit up to 21 days back, so an older lead is skipped
 *   with that reason (backfill.ts writes it at once for old leads).
 * - Columns: only those some line of the upload fills (an always-empty `Yclid` column is left
 *   out), in a fixed order; cells quoted RFC 4180 style only when they hold a comma, quote or line
 *   break (Yandex's sample quotes nothing); lines end with `\n`, as in the sample.
 */
import type { LeadRow } from "../read-model/lead-json";
import type { YandexConfig } from "./destination-config";
import { eventMoney } from "./event-facts";
import type { SaleEvent } from "./format";
import { type YandexSaleType, yandexEventGoal } from "./yandex-config";

/** How far back Metrica links an offline conversion to a visit. */
export const YANDEX_WINDOW_MS = 21 * 24 * 3600_000;
export const YANDEX_TOO_OLD =
  "the lead is older than 21 days, the longest Yandex Metrica links an offline conversion to a visit";
export const YANDEX_NO_CHAT_PLATFORM =
  "Metrica's CHATS upload takes whatsapp, telegram and viber chats only; use upload_type BASIC with a goal for this chat app";
export const YANDEX_NO_ID =
  "no Metrica id: the lead's visit carried no yclid and no _ym_uid (ClientId), nothing to attribute a BASIC conversion to";
export const YANDEX_SALE_TOO_OLD =
  "the visit is older than 21 days, the longest Yandex Metrica links an offline conversion to a visit";
export const YANDEX_NO_SUCH_EVENT =
  "Metrica's offline conversions have no refund or lost deal: only qualified leads and purchases are uploaded";

/** One line's cells by column name. */
export type YandexCells = Record<string, string>;

/** Every column a line may have, in upload order per type. */
const COLUMNS = {
  CHATS: ["DateTime", "ChatPlatform", "ChatUserID", "ClientId", "Yclid"],
  BASIC: ["ClientId", "Yclid", "Target", "DateTime", "Price", "Currency"],
} as const;

/** A Metrica ClientId as `_ym_uid` holds it: digits only (a garbled cookie is not sent). */
const CLIENT_ID = /^\d{1,32}$/;

/** The lead's Metrica ids: `ClientId` (the visit's `_ym_uid`) and `Yclid`, those it has. */
function metricaIds(row: LeadRow): YandexCells {
  const ymUid = row.click?.ymUid;
  return {
    ...(ymUid && CLIENT_ID.test(ymUid) ? { ClientId: ymUid } : {}),
    ...(row.click?.yclid ? { Yclid: row.click.yclid } : {}),
  };
}

const CHAT_PLATFORMS: Record<string, string> = { whatsapp: "whatsapp", telegram: "telegram" };

const isSaleType = (type: string): type is YandexSaleType =>
  type === "qualified" || type === "purchase";

/** The upload type of a row's line: a sale event is always a BASIC conversion. */
export const yandexLineType = (config: YandexConfig, sale: SaleEvent | null) =>
  sale ? "BASIC" : config.upload_type;

/** Why this lead (or, with `sale`, this sale event of it) cannot go to Metrica now, or null. */
export function yandexSkipReason(
  row: LeadRow,
  config: YandexConfig,
  now: number,
  sale: SaleEvent | null = null,
): string | null {
  if (sale) {
    if (!isSaleType(sale.type)) return YANDEX_NO_SUCH_EVENT;
    const visitAt = row.click?.createdAt ?? row.lead.firstMessageAt;
    if (now - visitAt > YANDEX_WINDOW_MS) return YANDEX_SALE_TOO_OLD;
    return Object.keys(metricaIds(row)).length ? null : YANDEX_NO_ID;
  }
  if (now - row.lead.firstMessageAt > YANDEX_WINDOW_MS) return YANDEX_TOO_OLD;
  if (config.upload_type === "CHATS" && !CHAT_PLATFORMS[row.lead.chatApp])
    return YANDEX_NO_CHAT_PLATFORM;
  if (config.upload_type === "BASIC" && !Object.keys(metricaIds(row)).length) return YANDEX_NO_ID;
  return null;
}

/** Unix seconds, never in the future (Metrica takes past times only). */
const seconds = (ms: number, now: number) => String(Math.floor(Math.min(ms, now) / 1000));

/** A BASIC line: the ids, the goal, the time and the money when there is any. */
const basicCells = (
  ids: YandexCells,
  Target: string,
  DateTime: string,
  money: { value: number; currency: string } | null,
): YandexCells => ({
  ...ids,
  Target,
  DateTime,
  ...(money ? { Price: money.value.toFixed(2), Currency: money.currency } : {}),
});

/** The line of a lead, or of a sale event of it (built once and kept in the outbox row). */
export function yandexCells(
  row: LeadRow,
  config: YandexConfig,
  now: number,
  sale: SaleEvent | null = null,
): YandexCells {
  const ids = metricaIds(row);
  if (sale)
    return basicCells(
      ids,
      yandexEventGoal(config, sale.type as YandexSaleType),
      seconds(sale.occurredAt, now),
      eventMoney({ sale }, {}),
    );
  const at = seconds(row.lead.firstMessageAt, now);
  if (config.upload_type === "BASIC")
    return basicCells(ids, config.goal ?? "", at, eventMoney({}, config));
  return {
    DateTime: at,
    ChatPlatform: CHAT_PLATFORMS[row.lead.chatApp] ?? row.lead.chatApp,
    // A contact without a public id (none yet) is named by the lead, also chatref's own id.
    ChatUserID: row.contact.publicId ?? row.lead.id,
    ...ids,
  };
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The CSV of an upload: the columns some line fills, in the type's order. */
export function yandexCsv(type: YandexConfig["upload_type"], lines: YandexCells[]): string {
  const columns = COLUMNS[type].filter((c) => lines.some((l) => l[c]));
  const out = [columns.join(",")];
  for (const l of lines) out.push(columns.map((c) => cell(l[c] ?? "")).join(","));
  return `${out.join("\n")}\n`;
}

/** The multipart/form-data body with the CSV as field `file`, and its content type. */
export function multipartCsv(csv: string, boundary = `chatref-${crypto.randomUUID()}`) {
  const body =
    `--${boundary}\r\n` +
    'Content-Disposition: form-data; name="file"; filename="chatref-leads.csv"\r\n' +
    "Content-Type: text/csv; charset=utf-8\r\n\r\n" +
    `${csv}\r\n--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

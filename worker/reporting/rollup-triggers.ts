/**
 * The SQL that keeps `stats_daily_tuples` current: triggers on clicks, leads and touches, and the
 * statements that add or remove a set of rows' counts (merges, re-derivations, a zone's move in
 * zone-move.ts). The triggers are written into migrations/0020_stats_chat_app.sql (a
 * test checks the file holds exactly these statements); the dimension SQL is stats-query.ts's
 * and the local day time-zone.ts's, so the rollup and the raw queries cannot disagree.
 *
 * Each row counts one (site, local day, dimension tuple); an event is ONE upsert of its tuple (D1 bills
 * every row written, and this runs on the click and webhook hot paths):
 * - a click adds its chat click or scan to its tuple on its day;
 * - a lead adds one conversation to its first-touch tuple (conv_first) and, until a touch says
 *   otherwise, to the same tuple for the last touch (conv_last), on the lead's day;
 * - a lead whose first touch is replaced (an earlier-sent message arrived late) moves conv_first,
 *   and conv_last too while it has no touches (one upsert for the old tuple, one for the new);
 * - a touch that becomes a lead's newest moves conv_last from the previous last touch to it.
 */
import { clickDimensionColumns, LAST_TOUCH_JOIN, leadDimensionColumns } from "./stats-query";
import { storedLocalDaySql } from "./time-zone";

/** The site's local day (its time zone's, read from site_tz_offsets) of an instant. */
const day = (site: string, at: string) => storedLocalDaySql(site, at);

/**
 * The tuple columns of stats_daily_tuples, the row column each is read from, and what is stored
 * for null (NULLs would be distinct in the key): '', or WhatsApp for a row without a chat app.
 */
export const TUPLE = [
  ["placement", "placement", ""],
  ["channel", "channel", ""],
  ["source", "source", ""],
  ["medium", "medium", ""],
  ["campaign", "campaign", ""],
  ["landing_page", "landing_page", ""],
  ["link_id", "link_id", ""],
  ["attribution", "attr", ""],
  ["chat_app", "chat_app", "whatsapp"],
] as const;
export const KEY_COLUMNS = `site_id, day, ${TUPLE.map(([c]) => c).join(", ")}`;

/**
 * Adds to stats_daily_tuples the counts of the rows `x` (a subquery with the dimension columns
 * plus site_id, day, chat, scans, conv_first, conv_last); null values are stored as TUPLE says.
 */
function upsert(x: string, where = "true", grouped = false): string {
  const sum = (c: string) => (grouped ? `sum(${c})` : c);
  const tuple = TUPLE.map(([, c, none]) => `coalesce(x.${c}, '${none}')`).join(", ");
  return `insert into stats_daily_tuples (${KEY_COLUMNS}, chat, scans, conv_first, conv_last)
select x.site_id, x.day, ${tuple},
  ${sum("x.chat")}, ${sum("x.scans")}, ${sum("x.conv_first")}, ${sum("x.conv_last")}
from (${x}) x where ${where}${grouped ? ` group by ${[...KEY_COLUMNS.split(", ").keys()].map((i) => i + 1).join(", ")}` : ""}
on conflict (${KEY_COLUMNS}) do update set chat = chat + excluded.chat,
  scans = scans + excluded.scans, conv_first = conv_first + excluded.conv_first,
  conv_last = conv_last + excluded.conv_last`;
}

/** One lead's touch as rollup columns: `attr`, `chatApp` and the click join come from `from`. */
const leadTouch = (
  site: string,
  day: string,
  attr: string,
  chatApp: string,
  from: string,
  first: number,
  last: number | string,
) =>
  `select ${site} as site_id, ${day} as day, 0 as chat, 0 as scans, ${first} as conv_first,
    ${last} as conv_last, ${leadDimensionColumns(attr, chatApp)} ${from}`;

const clicksInsert = `create trigger stats_clicks_ai after insert on clicks begin
${upsert(`select new.site_id as site_id, ${day("new.site_id", "new.created_at")} as day, (new.placement != 'link') as chat,
    (new.placement = 'link') as scans, 0 as conv_first, 0 as conv_last, ${clickDimensionColumns("new.")}`)};
end`;

const leadsInsert = `create trigger stats_leads_ai after insert on leads begin
${upsert(leadTouch("new.site_id", day("new.site_id", "new.created_at"), "new.attribution", "new.chat_app", "from (select 1) left join clicks c on c.id = new.click_id", 1, 1))};
end`;

/** 1 while the lead has no touches (its last touch is then the lead itself), else 0. */
const noTouches = "(not exists (select 1 from touches where lead_id = new.id))";
const leadsUpdate = `create trigger stats_leads_au after update of attribution, click_id on leads
when old.attribution is not new.attribution or old.click_id is not new.click_id begin
${upsert(leadTouch("old.site_id", day("old.site_id", "old.created_at"), "old.attribution", "old.chat_app", "from (select 1) left join clicks c on c.id = old.click_id", -1, `-${noTouches}`))};
${upsert(leadTouch("new.site_id", day("new.site_id", "new.created_at"), "new.attribution", "new.chat_app", "from (select 1) left join clicks c on c.id = new.click_id", 1, noTouches))};
end`;

/** The lead's last touch before `new` (or the lead itself when it had none). */
const previousLast = `from leads l
  left join touches p on p.id = (select p2.id from touches p2 where p2.lead_id = l.id and p2.id != new.id
    order by p2.occurred_at desc, p2.id desc limit 1)
  left join clicks c on c.id = case when p.id is null then l.click_id else p.click_id end
  where l.id = new.lead_id`;
/** Both halves read the lead `l`: its day and its chat app. */
const leadDay = day("new.site_id", "l.created_at");
const touchesInsert = `create trigger stats_touches_ai after insert on touches
when not exists (select 1 from touches o where o.lead_id = new.lead_id and o.id != new.id
  and o.occurred_at > new.occurred_at) begin
${upsert(leadTouch("new.site_id", leadDay, "case when p.id is null then l.attribution else p.kind end", "l.chat_app", previousLast, 0, -1))};
${upsert(leadTouch("new.site_id", leadDay, "new.kind", "l.chat_app", "from leads l left join clicks c on c.id = new.click_id where l.id = new.lead_id", 0, 1))};
end`;

/**
 * Adds (`sign` 1) or removes (-1) the conversations of the leads `l` matching `where`: one by
 * first touch, one by last touch (a lead's newest touch, or the lead itself when it has none),
 * under the lead's chat app (or `chatApp`, an SQL expression).
 * Used by a zone's move (zone-move.ts), the chat-app backfill, contact merges (worker/identity/merge.ts) and
 * the re-derivation of click dimensions (ga4-rederive.ts).
 */
export function leadRollupSql(sign: 1 | -1, where: string, chatApp = "l.chat_app"): string[] {
  return [
    upsert(
      `select l.site_id as site_id, ${day("l.site_id", "l.created_at")} as day, 0 as chat, 0 as scans,
      ${sign} as conv_first, 0 as conv_last, ${leadDimensionColumns("l.attribution", chatApp)}
      from leads l left join clicks c on c.id = l.click_id where ${where}`,
      "true",
      true,
    ),
    upsert(
      `select l.site_id as site_id, ${day("l.site_id", "l.created_at")} as day, 0 as chat, 0 as scans,
      0 as conv_first, ${sign} as conv_last, ${leadDimensionColumns("coalesce(t.kind, l.attribution)", chatApp)}
      from leads l ${LAST_TOUCH_JOIN} where ${where}`,
      "true",
      true,
    ),
  ];
}

/**
 * Adds (`sign` 1) or removes (-1) the clicks matching `where`, under `chatApp` (an SQL
 * expression). Also used to move re-derived clicks (ga4-rederive.ts). `site` names the click's
 * site inside the offsets look-up: qualified, since a bare `site_id` there is the offsets row's
 * own (any site's offsets); 0020's backfill was generated with the bare name and keeps it.
 */
export function clickRollupSql(
  sign: 1 | -1,
  where: string,
  chatApp = "chat_app",
  site = "clicks.site_id",
): string {
  return upsert(clickRows(sign, where, chatApp, site), "true", true);
}

/** The clicks matching `where` as rollup rows (clickRollupSql's arguments), one per click. */
export function clickRows(
  sign: 1 | -1,
  where: string,
  chatApp = "chat_app",
  site = "clicks.site_id",
) {
  return `select site_id, ${day(site, "created_at")} as day, ${sign} * (placement != 'link') as chat,
      ${sign} * (placement = 'link') as scans, 0 as conv_first, 0 as conv_last,
      ${clickDimensionColumns("", chatApp)}
      from clicks where ${where}`;
}

/**
 * The statements of migrations/0020_stats_chat_app.sql after its hand-written part (which drops
 * these triggers and copies the rows of the rollup as WhatsApp's): the triggers, now counting each
 * event under its chat app too.
 */
export const ROLLUP_TRIGGERS_SQL = [clicksInsert, leadsInsert, leadsUpdate, touchesInsert];

/**
 * Moves the clicks and leads of other chat apps than WhatsApp from the WhatsApp tuple, where
 * 0020 left them, to their app's (`site`: one site, an SQL expression; every site without).
 * Moved rather than rebuilt: the rollup keeps the counts of clicks that retention has deleted
 * since (consent/retention.ts), which a rebuild from the clicks table would lose.
 */
export function chatAppBackfillSql(site?: string): string[] {
  const clicks = `chat_app != 'whatsapp'${site ? ` and site_id = ${site}` : ""}`;
  const leads = `l.chat_app != 'whatsapp'${site ? ` and l.site_id = ${site}` : ""}`;
  return [
    clickRollupSql(-1, clicks, "'whatsapp'", "site_id"),
    clickRollupSql(1, clicks, "chat_app", "site_id"),
    ...leadRollupSql(-1, leads, "'whatsapp'"),
    ...leadRollupSql(1, leads),
    // The WhatsApp tuples emptied by the move count nothing: not kept.
    `delete from stats_daily_tuples where chat_app = 'whatsapp' and chat = 0 and scans = 0
      and conv_first = 0 and conv_last = 0${site ? ` and site_id = ${site}` : ""}`,
  ];
}

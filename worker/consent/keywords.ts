/**
 * Opt-out and opt-in keywords per language, and the rule that applies them: a message is a
 * consent keyword only when the WHOLE normalised message is one (see normalize.ts), so
 * "STOP 🛑", "Stop." and "ＳＴＯＰ" opt out but "please don't stop" does not. A site may add
 * its own keywords (`sites.consent_keywords`, JSON `{ "opt_out": [...], "opt_in": [...] }`, read
 * by the schema into `SiteKeywords`); they extend these lists.
 */
import type { ConsentStatus, SiteKeywords } from "../db/schema";
import { decodeJson } from "../db/schema/json-text";
import { siteKeywords } from "../db/schema/sites";
import { normalizeForKeywords } from "./normalize";

/** The default keywords, by language. Quick-reply payloads and interactive reply ids/titles too. */
export const DEFAULT_KEYWORDS: Readonly<Record<"opt_out" | "opt_in", Record<string, string[]>>> = {
  opt_out: {
    en: [
      "stop",
      "stop all",
      "stopall",
      "unsubscribe",
      "unsubscribe me",
      "opt out",
      "optout",
      "stop promotions",
      "stop marketing",
      "stop messages",
    ],
    ru: ["стоп", "отписаться", "отписка", "отпишите меня", "остановить рассылку"],
    zh: ["退订", "取消订阅", "停止", "停止推广", "退訂", "取消訂閱"],
    es: ["baja", "dar de baja", "darme de baja", "cancelar suscripcion", "parar", "detener"],
    pt: ["sair", "parar", "pare", "descadastrar", "cancelar inscricao", "cancelar assinatura"],
    ar: ["إلغاء", "الغاء الاشتراك", "إلغاء الاشتراك", "توقف", "إيقاف", "ايقاف"],
    id: ["berhenti", "berhenti langganan", "stop langganan", "batal langganan", "henti"],
  },
  opt_in: {
    en: ["start", "subscribe", "unstop", "resume", "opt in", "optin", "resume promotions"],
    ru: ["старт", "подписаться", "возобновить"],
    zh: ["订阅", "重新订阅", "訂閱"],
    es: ["alta", "suscribir", "suscribirme", "reanudar"],
    pt: ["voltar", "inscrever", "assinar", "reativar"],
    ar: ["اشتراك", "ابدأ", "استئناف"],
    id: ["mulai", "langganan", "lanjutkan"],
  },
};

/** Normalised keyword → the status it sets. */
export type KeywordTable = ReadonlyMap<string, ConsentStatus>;

function table(extra: Partial<SiteKeywords>): KeywordTable {
  const map = new Map<string, ConsentStatus>();
  const add = (words: unknown, status: ConsentStatus) => {
    if (!Array.isArray(words)) return;
    for (const w of words.slice(0, 200)) {
      if (typeof w !== "string" || w.length > 100) continue;
      const key = normalizeForKeywords(w);
      // Opt-out wins when a word is configured both ways.
      if (key && map.get(key) !== "opted_out") map.set(key, status);
    }
  };
  add(Object.values(DEFAULT_KEYWORDS.opt_in).flat(), "opted_in");
  add(extra.opt_in, "opted_in");
  add(Object.values(DEFAULT_KEYWORDS.opt_out).flat(), "opted_out");
  add(extra.opt_out, "opted_out");
  return map;
}

const defaults = table({});
// Keyed by the site's keywords object, which the site cache (db/sites.ts) keeps for its lifetime.
const tables = new WeakMap<SiteKeywords, KeywordTable>();

/**
 * The keyword table of a site's keywords (null: the defaults only), cached per keywords object.
 * Stored JSON text is read as the column reads it, so a broken setting falls back to the defaults
 * rather than failing deliveries.
 */
export function keywordTable(site: SiteKeywords | string | null | undefined): KeywordTable {
  const extra = typeof site === "string" ? decodeJson(site, siteKeywords) : site;
  if (!extra) return defaults;
  let hit = tables.get(extra);
  if (!hit) {
    hit = table(extra);
    tables.set(extra, hit);
  }
  return hit;
}

/** What a message says about consent: the status and the normalised keyword, or null. */
export function matchKeyword(
  text: string | null | undefined,
  keywords: KeywordTable,
): { status: ConsentStatus; keyword: string } | null {
  if (!text || text.length > 200) return null;
  const keyword = normalizeForKeywords(text);
  const status = keywords.get(keyword);
  return status ? { status, keyword } : null;
}

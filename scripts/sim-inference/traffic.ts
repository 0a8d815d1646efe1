/**
 * Synthetic traffic for measuring the inference (`npm run sim:inference`): clicks at a given
 * rate, the messages some of them lead to after a realistic delay (with the ref kept, the ref
 * deleted, the greeting edited or rewritten) and messages from people who never clicked. Every
 * draw comes from one seeded PRNG, so the same seed gives the same traffic and the same figures.
 *
 * The generator deliberately does not share the scorer's assumptions: its delays are a mixture
 * with a long "came back later" tail, people travel (the phone's country is not the click's),
 * some who never clicked write something close to the greeting, and a click's request country is
 * sometimes a VPN's or a proxy's.
 */
import { buildMessage } from "../../widget/message";
import type { Placement } from "../../widget/protocol/click-beacon";
import { mintRef } from "../../widget/protocol/ref-codec";

/** A small, fast, seeded PRNG (mulberry32): uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

function pick<T>(rand: Rand, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [value, w] of weighted) {
    x -= w;
    if (x < 0) return value;
  }
  return (weighted[weighted.length - 1] as readonly [T, number])[0];
}

function normal(rand: Rand): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const LANGS = [
  ["en", 35],
  ["es", 20],
  ["pt", 15],
  ["ru", 10],
  ["ar", 8],
  ["zh", 7],
  ["id", 5],
] as const;
const COUNTRIES: Record<string, readonly (readonly [string, number])[]> = {
  en: [
    ["US", 5],
    ["GB", 2],
    ["IN", 2],
    ["NG", 1],
  ],
  es: [
    ["ES", 3],
    ["MX", 4],
    ["AR", 2],
    ["CO", 2],
  ],
  pt: [
    ["BR", 5],
    ["PT", 1],
  ],
  ru: [
    ["RU", 6],
    ["KZ", 1],
    ["UA", 1],
  ],
  ar: [
    ["SA", 2],
    ["AE", 2],
    ["EG", 2],
  ],
  zh: [
    ["CN", 3],
    ["TW", 1],
    ["HK", 1],
  ],
  id: [["ID", 1]],
};
/** What people write when they did not keep the prefilled text (per language). */
const OWN_TEXT: Record<string, readonly string[]> = {
  en: [
    "How much is it?",
    "Is this available?",
    "Hi, do you deliver?",
    "hi",
    "What are your hours?",
  ],
  es: ["¿Cuánto cuesta?", "Hola, ¿tienen envío?", "¿Está disponible?", "hola"],
  pt: ["Quanto custa?", "Oi, vocês entregam?", "Tem disponível?", "oi"],
  ru: ["Сколько стоит?", "Есть в наличии?", "Добрый день, доставка есть?", "привет"],
  ar: ["كم السعر؟", "هل هذا متوفر؟", "مرحبا"],
  zh: ["多少钱？", "有货吗？", "你好"],
  id: ["Berapa harganya?", "Masih ada?", "halo kak"],
};

/** One click the Worker recorded. */
export interface SimClick {
  id: number;
  ref: string;
  at: number;
  lang: string;
  placement: Placement;
  /** The request's country (Cloudflare's), 5 % of them a VPN's or a proxy's. */
  country: string | null;
}

/** How a message relates to the clicks. */
export type SimKind = "kept" | "deleted" | "edited" | "rewritten" | "organic";

/** One inbound first message. */
export interface SimMessage {
  at: number;
  text: string;
  countries: string[];
  kind: SimKind;
  /** The click that produced it (null for organic messages). */
  clickId: number | null;
}

/** The shares and rates of a simulated site. */
export interface TrafficShape {
  /** Clicks per minute. */
  rate: number;
  /** How many clicks to simulate. */
  clicks: number;
  /** Share of clicks followed by a message. */
  conversion: number;
  /** Of those messages: the code deleted (greeting kept), the greeting edited, rewritten. */
  deleted: number;
  edited: number;
  rewritten: number;
  /** Messages from people who never clicked, per converted click. */
  organic: number;
  /** Share of clicks from a desktop (a QR panel scanned by the phone). */
  desktop: number;
}

export const DEFAULT_SHAPE: Omit<TrafficShape, "rate" | "clicks"> = {
  conversion: 0.4,
  deleted: 0.07,
  edited: 0.04,
  rewritten: 0.03,
  organic: 0.15,
  desktop: 0.35,
};

/** Seconds from click to message: phone, or desktop QR (scan first); 12 % come back later. */
function delaySeconds(rand: Rand, desktop: boolean): number {
  if (rand() < 0.12) return 120 + rand() * 900;
  const typing = Math.exp(Math.log(18) + 0.7 * normal(rand));
  return desktop ? typing + 8 + rand() * 40 : typing;
}

function editGreeting(rand: Rand, text: string, lang: string): string {
  const words = text.split(" ");
  if (words.length > 2 && rand() < 0.5)
    words.splice(1 + Math.floor(rand() * (words.length - 1)), 1);
  const own = pick(
    rand,
    (OWN_TEXT[lang] ?? []).map((t) => [t, 1] as const),
  );
  return rand() < 0.5 ? `${words.join(" ")} ${own}` : words.join(" ").toLowerCase();
}

/** The message text for a click, by what the person did with the prefilled text. */
function textFor(rand: Rand, kind: SimKind, click: SimClick): string {
  const full = buildMessage(click.ref, click.lang);
  const own = () =>
    pick(
      rand,
      (OWN_TEXT[click.lang] ?? []).map((t) => [t, 1] as const),
    );
  const withoutCode = () => {
    const greeting = buildMessage("", click.lang).replace(/\s*[(（][^)）]*[)）]\s*$/u, "");
    // Half delete the code alone and leave the tag's words behind.
    return rand() < 0.5 ? full.replace(/[0-9A-Z]{5}-[0-9A-Z]{5}/, "").trim() : greeting;
  };
  if (kind === "kept") return full;
  if (kind === "deleted") return withoutCode();
  if (kind === "edited") return editGreeting(rand, withoutCode(), click.lang);
  return own();
}

/** Generates a site's clicks and first messages, in time order. */
export function traffic(
  seed: number,
  shape: TrafficShape,
): { clicks: SimClick[]; messages: SimMessage[] } {
  const rand = prng(seed);
  const clicks: SimClick[] = [];
  const messages: SimMessage[] = [];
  let t = 0;
  const perMs = shape.rate / 60_000;
  for (let id = 0; id < shape.clicks; id++) {
    t += -Math.log(1 - rand()) / perMs;
    const lang = pick(rand, LANGS);
    const desktop = rand() < shape.desktop;
    const placement: Placement = desktop ? "qr_panel" : rand() < 0.08 ? "link" : "button";
    const country = pick(rand, COUNTRIES[lang] ?? [["US", 1]]);
    const click: SimClick = {
      id,
      ref: mintRef((bytes) => bytes.map(() => Math.floor(rand() * 256))),
      at: t,
      lang,
      placement,
      country:
        rand() < 0.05
          ? pick(rand, [
              ["US", 1],
              ["NL", 1],
              ["DE", 1],
            ] as const)
          : country,
    };
    clicks.push(click);
    // A traveller's phone is from elsewhere.
    const phone =
      rand() < 0.9
        ? country
        : pick(rand, [
            ["US", 1],
            ["GB", 1],
            ["AE", 1],
          ] as const);
    if (rand() < shape.conversion) {
      const r = rand();
      const kind: SimKind =
        r < shape.deleted
          ? "deleted"
          : r < shape.deleted + shape.edited
            ? "edited"
            : r < shape.deleted + shape.edited + shape.rewritten
              ? "rewritten"
              : "kept";
      const at = t + delaySeconds(rand, desktop) * 1000;
      messages.push({
        at,
        text: textFor(rand, kind, click),
        countries: [phone],
        kind,
        clickId: id,
      });
    }
    if (rand() < shape.conversion * shape.organic) {
      const own = pick(rand, LANGS);
      // A few who never clicked still write something close to a greeting ("Hello! I'd like…").
      const text =
        rand() < 0.05
          ? buildMessage("", own).replace(/\s*[(（].*$/u, "")
          : pick(
              rand,
              (OWN_TEXT[own] ?? []).map((x) => [x, 1] as const),
            );
      const where = pick(rand, COUNTRIES[own] ?? [["US", 1]]);
      messages.push({
        at: t + rand() * 60_000,
        text,
        countries: [where],
        kind: "organic",
        clickId: null,
      });
    }
  }
  messages.sort((a, b) => a.at - b.at);
  return { clicks, messages };
}

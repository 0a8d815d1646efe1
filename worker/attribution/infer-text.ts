/**
 * What remains of the widget's prefilled text in a message whose ref was deleted: how much of
 * the greeting (or a campaign link's template) survives, whether the ref tag's skeleton was left
 * behind ("(Ref: )"), and which script the message is written in. Pure, no I/O; the scorer
 * (infer-score.ts) and the traffic simulator (scripts/sim-inference.mjs) both use it.
 *
 * The expected text is built by the same `buildMessage` the widget and the scan route use, so a
 * new language or template is inferred from the day it is sent.
 */
import { stringsFor } from "../../widget/i18n";
import { buildMessage } from "../../widget/message";

/** Longest part of a message read (the greeting sits at its start; the rest is the person's own). */
const TEXT_READ_MAX = 2048;
/** A placeholder ref: the text the click produced is the template with this code removed. */
const PLACEHOLDER = "0000000000";

/** Scripts written without spaces between words: each character is one token. */
const CHAR_TOKENS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** The tokens of a text: lower-cased words, or single characters in scripts without spaces. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const [word] of text
    .slice(0, TEXT_READ_MAX)
    .normalize("NFKC")
    .toLowerCase()
    .matchAll(WORD)) {
    if (CHAR_TOKENS.test(word)) out.push(...word);
    else out.push(word);
  }
  return out;
}

/** Length of the longest common subsequence of two token lists (the greeting is short). */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] ?? 0);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** Expected tokens per language and template, read once per isolate (bounded: templates are few). */
const expectedCache = new Map<string, { greeting: string[]; tag: string[] }>();
const EXPECTED_CACHE_MAX = 256;

/** The words a click's prefilled message had besides its code (the greeting or template, and the tag's words). */
export function expectedTokens(lang: string, template = ""): { greeting: string[]; tag: string[] } {
  const key = `${lang}\u0000${template}`;
  let found = expectedCache.get(key);
  if (!found) {
    found = readExpected(lang, template);
    if (expectedCache.size >= EXPECTED_CACHE_MAX) expectedCache.clear();
    expectedCache.set(key, found);
  }
  return found;
}

function readExpected(lang: string, template: string): { greeting: string[]; tag: string[] } {
  const tag = tokens(stringsFor(lang).tag.replace("{ref}", ""));
  // The placeholder code is written "00000-00000": its tokens are all zeros.
  const all = tokens(buildMessage(PLACEHOLDER, lang, template)).filter((t) => !/^0+$/.test(t));
  // The tag's words come last in the default message; the greeting is what precedes them.
  const tail = all.slice(-tag.length);
  const greeting = tag.length && tail.join(" ") === tag.join(" ") ? all.slice(0, -tag.length) : all;
  return { greeting, tag };
}

/**
 * The share (0–1) of the greeting's tokens found, in order, near the message's start: people
 * add words after the greeting far more often than before it, and reading only a window twice
 * the greeting's length keeps a long unrelated message from matching by chance.
 */
export function greetingSurvival(message: readonly string[], greeting: readonly string[]): number {
  if (!greeting.length) return 0;
  const window = message.slice(0, greeting.length * 2 + 4);
  return lcs(greeting, window) / greeting.length;
}

/** Whether the ref tag's own words were left with the code removed ("(Ref: )", "(Код: )"). */
export function tagLeft(message: readonly string[], tag: readonly string[]): boolean {
  if (!tag.length) return false;
  return ` ${message.join(" ")} `.includes(` ${tag.join(" ")} `);
}

/** A coarse script family of a text or a language, to tell a Russian message from an English click. */
export type Script = "latin" | "cyrillic" | "han" | "arabic" | "other";

const SCRIPTS: [Script, RegExp][] = [
  ["cyrillic", /\p{Script=Cyrillic}/u],
  ["han", /\p{Script=Han}/u],
  ["arabic", /\p{Script=Arabic}/u],
  ["latin", /\p{Script=Latin}/u],
];

/** The script most of a message's letters are in, or null when it has none (digits, emoji). */
export function scriptOf(text: string): Script | null {
  const counts = new Map<Script, number>();
  for (const ch of text.slice(0, 512)) {
    const found = SCRIPTS.find(([, re]) => re.test(ch));
    if (found) counts.set(found[0], (counts.get(found[0]) ?? 0) + 1);
  }
  let best: Script | null = null;
  for (const [script, n] of counts) if (!best || n > (counts.get(best) ?? 0)) best = script;
  return best;
}

/** The script a supported language is written in (its greeting's). */
export function scriptOfLang(lang: string): Script | null {
  return scriptOf(stringsFor(lang).greeting);
}

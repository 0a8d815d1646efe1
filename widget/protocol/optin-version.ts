/**
 * The version id of an opt-in text: FNV-1a (32 bit) over its UTF-16 code units, in base 36.
 * The widget sends it with the exact text; the worker recomputes it before keeping the text as
 * evidence, so one id always names the same words.
 */
export function optinVersion(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

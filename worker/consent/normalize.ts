/**
 * The normal form a message is compared in against consent keywords: full-width and compatibility
 * forms folded (NFKC), lower case, accents and other combining marks removed (é → e, إ → ا,
 * Arabic harakat), punctuation, symbols and emoji turned into spaces, whitespace collapsed and
 * trimmed. Keywords are normalised the same way, so both sides always agree.
 */
export function normalizeForKeywords(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\p{M}\p{Cf}]/gu, "")
    .replace(/[\p{P}\p{S}\p{C}\p{Z}\s]+/gu, " ")
    .trim()
    .normalize("NFC");
}

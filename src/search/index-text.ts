/**
 * Text as the full-text index sees it. Chinese and Japanese are written without spaces, and
 * a word tokenizer would make one token of a whole clause; runs of those scripts are indexed
 * as overlapping character pairs instead ("尖閣諸島" -> "尖閣 閣諸 諸島"), and a query for
 * such a word becomes the phrase of its pairs, so any two-character word inside a run is
 * found. Everything else is left to the index's own tokenizer (case and diacritics folded,
 * English stemmed).
 */

// Han, Hiragana, Katakana (with the long-vowel mark), Hangul, CJK punctuation excluded.
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\p{Script=Hangul}]+/gu

export function hasCjk(text: string): boolean {
  CJK_RUN.lastIndex = 0
  return CJK_RUN.test(text)
}

/** The character pairs of one run; a single character stays itself. */
export function cjkBigrams(run: string): string[] {
  const chars = [...run]
  if (chars.length < 2) return chars
  const out: string[] = []
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!)
  return out
}

/** Text ready for the index: CJK runs turned into spaced pairs, the rest unchanged. */
export function toIndexText(text: string): string {
  if (!hasCjk(text)) return text
  return text.replace(CJK_RUN, (run) => ` ${cjkBigrams(run).join(' ')} `)
}

/** One query word as index tokens: a CJK word becomes the space-separated pairs of its runs. */
export function queryWordTokens(word: string): string {
  if (!hasCjk(word)) return word
  return word
    .split(/(?=[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\p{Script=Hangul}])|(?<=[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\p{Script=Hangul}])/u)
    .flatMap((part) => (hasCjk(part) ? cjkBigrams(part) : [part]))
    .join(' ')
}

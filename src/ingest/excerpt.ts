import type { Body } from '../model/index.js'

// A sentence ends at . ! ? (optionally followed by a closing quote or bracket) and white space.
const SENTENCE_END = /[.!?]["”’)\]]?(?=\s|$)/g

/**
 * Shortens a body to an excerpt of at most `maxWords` words that ends at a sentence boundary,
 * flagged as an excerpt (pages print it with a trailing "...", so a last sentence ending in a
 * period shows the model page's "...."). A body already within the limit stays whole. When the
 * first sentence alone is longer than the limit, the excerpt is that sentence.
 */
export function toExcerpt(text: string, maxWords: number): Body {
  const words = text.trim().split(/\s+/)
  if (words.length <= maxWords) return { text, isExcerpt: false }
  let cut = -1
  let count = 0
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length
    count = text.slice(0, end).trim().split(/\s+/).length
    if (count > maxWords) {
      if (cut < 0) cut = end
      break
    }
    cut = end
  }
  if (cut < 0) cut = text.length
  return { text: text.slice(0, cut).trim(), isExcerpt: cut < text.trim().length }
}

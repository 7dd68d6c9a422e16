import { escapeHtml } from '../shared/index.js'

/**
 * The passage of a text that best matches a query, as HTML: matched words wrapped in <mark>,
 * everything else escaped, cut at word boundaries. Matching here is deliberately simple —
 * case- and accent-insensitive, a query word matching words that start with its stem — since
 * the index has already decided which records match; this only shows the reader where.
 */


// Most words are ASCII, and for them folding is lower-casing: skipping normalize() there makes
// snippets of long bodies several times faster.
const ASCII = /^[\x00-\x7f]*$/
const fold = (s: string) => (ASCII.test(s) ? s.toLowerCase() : s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase())

// Common English endings, so that "sanctions" marks "sanctioned" as the index (Porter) would match it.
const ENDINGS = /(?:ations?|ments?|ings?|ness|ies|ied|ed|es|s|ly|er|ers)$/

export function stemOf(word: string): string {
  const w = fold(word)
  const stem = w.length > 4 ? w.replace(ENDINGS, '') : w
  return stem.length >= 3 ? stem : w
}

interface Token {
  text: string
  start: number
  end: number
}

function tokens(text: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length })
  return out
}

export interface SnippetOptions {
  /** Words in the passage (default 30). */
  words?: number
}

/** A matcher for query words: whole-word stems for Latin text, substrings for CJK. */
function matcher(queryWords: string[]): (token: string) => boolean {
  const stems = queryWords.filter((w) => w.length > 0).map((w) => ({ stem: stemOf(w.replace(/\*$/, '')), cjk: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(w) }))
  return (token: string) => {
    const t = fold(token)
    return stems.some(({ stem, cjk }) => (cjk ? t.includes(stem) : t.startsWith(stem)))
  }
}

/**
 * The best window of `words` words of `text` for `queryWords` (most distinct matches, then most
 * matches, then earliest), as escaped HTML with <mark> around matches and "…" where cut.
 * Undefined when nothing in the text matches.
 */
export function makeSnippet(text: string, queryWords: string[], options: SnippetOptions = {}): string | undefined {
  const size = options.words ?? 30
  const toks = tokens(text)
  if (toks.length === 0 || queryWords.length === 0) return undefined
  const isMatch = matcher(queryWords)
  const hits = toks.map((t) => isMatch(t.text))
  if (!hits.some(Boolean)) return undefined
  let bestStart = 0
  let bestScore = -1
  for (let start = 0; start < toks.length; start++) {
    if (!hits[start] && start > 0) continue // windows start at a match (or at the beginning)
    const from = Math.max(0, start - 5)
    const window = toks.slice(from, from + size)
    const matched = window.filter((t, i) => hits[from + i])
    const distinct = new Set(matched.map((t) => stemOf(t.text))).size
    const score = distinct * 1000 + matched.length
    if (score > bestScore) {
      bestScore = score
      bestStart = from
    }
  }
  const window = toks.slice(bestStart, bestStart + size)
  const first = window[0]!
  const last = window[window.length - 1]!
  let html = ''
  let at = first.start
  for (const [i, t] of window.entries()) {
    html += escapeHtml(text.slice(at, t.start))
    html += hits[bestStart + i] ? `<mark>${escapeHtml(t.text)}</mark>` : escapeHtml(t.text)
    at = t.end
  }
  const atEnd = bestStart + window.length >= toks.length
  // At the end of the text its closing punctuation is kept; elsewhere the cut is marked.
  if (atEnd) html += escapeHtml(text.slice(last.end))
  const lead = bestStart > 0 ? '… ' : ''
  const tail = atEnd ? '' : ' …'
  return `${lead}${html.replace(/\s+/g, ' ').trim()}${tail}`
}

export { escapeHtml }

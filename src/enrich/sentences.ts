/**
 * Sentence spans over raw text, with offsets into it. Good enough for news and
 * analysis prose: a sentence ends at . ! ? (or a blank line) followed by a capital,
 * a quote or a digit — unless the word before the stop is a known abbreviation or
 * an initial ("U.S.", "Dr.", "J.").
 */
export interface Span {
  start: number
  end: number
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'st',
  'jr', 'sr', 'rev', 'hon', 'pres', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'no', 'vol', 'pp',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft',
  'e.g', 'i.e', 'cf', 'al', 'approx', 'dept', 'univ', 'assn', 'bros', 'gov', 'u.s', 'u.k', 'u.n',
])

export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = []
  let start = 0
  const boundary = /([.!?]+["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9])|[ \t]*\n\s*/g
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const stopAt = m.index
    if (m[1]) {
      const before = /([A-Za-z.]+)$/.exec(text.slice(Math.max(0, stopAt - 12), stopAt))
      const word = before?.[1] ? before[1].toLowerCase().replace(/^\.+/, '') : ''
      if (m[1] === '.' && (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word) || /^([a-z]\.)+[a-z]$/.test(word))) continue
    }
    const end = stopAt + (m[1] ? m[1].length : 0)
    if (end > start) spans.push(trimSpan(text, start, end))
    start = m.index + m[0].length
  }
  if (start < text.length) spans.push(trimSpan(text, start, text.length))
  return spans.filter((s) => s.end > s.start)
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text.charAt(start))) start++
  while (end > start && /\s/.test(text.charAt(end - 1))) end--
  return { start, end }
}

/** Index of the span holding offset, by binary search over sorted spans. */
export function spanAt(spans: readonly Span[], offset: number): Span | undefined {
  let lo = 0
  let hi = spans.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const span = spans[mid]!
    if (span.end <= offset) lo = mid + 1
    else if (span.start > offset) hi = mid - 1
    else return span
  }
  return undefined
}

import type { SearchAnswer } from '../src/archive/index.js'
import type { prng } from './corpus.js'

/** What the search benchmarks share, whatever the backend: the cases, the timing, the table. */

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

const latencies = (xs: number[]) => `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)} / ${percentile(xs, 99).toFixed(1)}`

/** One query as a reader types it, and what the baseline needs to run the same query. */
export interface QueryCase {
  kind: string
  q: string
  page?: number
  facets: boolean
  /** For the baseline: one word, or the words of a phrase. */
  words: string[]
  filter?: { type: string; from: number; to: number }
  /** Records the baseline skips (deep pages). */
  offset?: number
}

/**
 * Queries of each kind from the archive's own words (most frequent first): terms across the
 * frequency range, two-word phrases from sample bodies, a term with a type and year filter and
 * facets, and page 20 of a common term.
 */
export function queryCases(vocabulary: string[], sample: Record<string, unknown>[], rng: ReturnType<typeof prng>): QueryCase[] {
  const at = (fraction: number) => vocabulary[Math.floor(fraction * (vocabulary.length - 1))]!
  const terms = [0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5].map(at)
  const cases: QueryCase[] = terms.map((t) => ({ kind: 'term + facets + snippets', q: t, words: [t], facets: true }))
  for (const r of sample.slice(0, 10)) {
    // Two words that stand side by side in a record's body, so the phrase has at least one match.
    const words = (r.body as { text: string }).text.split(/\s+/)
    const pairs: [string, string][] = []
    for (let i = 0; i + 1 < words.length; i++) if (/^[a-z]{3,}$/.test(words[i]!) && /^[a-z]{3,}$/.test(words[i + 1]!)) pairs.push([words[i]!, words[i + 1]!])
    const pair = pairs.length ? pairs[rng.int(0, pairs.length - 1)]! : undefined
    if (pair) cases.push({ kind: 'phrase', q: `"${pair[0]} ${pair[1]}"`, words: pair, facets: false })
  }
  for (const [i, t] of terms.entries()) {
    const from = 2005 + i
    cases.push({ kind: 'filtered + facets', q: `${t} type:report year:${from}..${from + 8}`, words: [t], filter: { type: 'report', from, to: from + 8 }, facets: true })
  }
  for (const t of terms.slice(0, 4)) cases.push({ kind: 'deep page (20)', q: t, page: 20, words: [t], offset: 380, facets: false })
  return cases
}

/**
 * Times Dossier and the baseline on the same cases in turns (who goes first alternates, so
 * neither always finds the cache warm) and returns one table row per kind: p50 / p95 / p99 of
 * each, the p95 ratio, and the top-20 overlap between the two.
 */
export async function timeSideBySide(
  size: number,
  cases: QueryCase[],
  rounds: number,
  mine: (c: QueryCase) => Promise<SearchAnswer>,
  baseline: (c: QueryCase) => Promise<{ id: string }[]> | { id: string }[],
): Promise<string[][]> {
  const rows: string[][] = []
  for (const kind of [...new Set(cases.map((c) => c.kind))]) {
    const ours: number[] = []
    const theirs: number[] = []
    let overlap = 0
    let compared = 0
    const ofKind = cases.filter((c) => c.kind === kind)
    for (let round = 0; round < rounds; round++) {
      const c = ofKind[round % ofKind.length]!
      const runMine = async () => {
        const t = performance.now()
        const answer = await mine(c)
        ours.push(performance.now() - t)
        return answer
      }
      const runBaseline = async () => {
        const t = performance.now()
        const r = await baseline(c)
        theirs.push(performance.now() - t)
        return r
      }
      let answer
      let exhaustive
      if (round % 2) {
        answer = await runMine()
        exhaustive = await runBaseline()
      } else {
        exhaustive = await runBaseline()
        answer = await runMine()
      }
      if (round < ofKind.length && exhaustive.length) {
        const top = new Set(exhaustive.map((r) => r.id))
        overlap += answer.hits.filter((h) => top.has(h.id)).length / Math.min(20, exhaustive.length)
        compared++
      }
    }
    rows.push([size.toLocaleString('en'), kind, latencies(ours), latencies(theirs), (percentile(ours, 95) / percentile(theirs, 95)).toFixed(2), compared ? (overlap / compared).toFixed(2) : '-'])
  }
  return rows
}

/** A Markdown table, the first two columns left-aligned, the rest right-aligned. */
export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  for (const [i, row] of rows.entries()) {
    console.log(`| ${row.map((v, c) => (c < 2 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join(' | ')} |`)
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  }
}

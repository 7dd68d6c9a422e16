import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Archive } from '../src/archive/index.js'
import { searchArchive } from '../src/archive/search.js'
import { silentLogger } from '../src/shared/index.js'
import { openSqliteStore } from '../src/store/sqlite/index.js'
import { prng, realisticRecord } from './corpus.js'
import { benchSearchPostgres } from './search-postgres.js'
import { fileSize } from './file-size.js'

const CHUNK = 5_000
const ROUNDS = 60


const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

interface QueryCase {
  kind: string
  /** What a reader types. */
  q: string
  /** The same query as the naive approach runs it: raw FTS5, bm25 over every match, then the top 20. */
  naive: { match: string; where?: string; offset?: number }
  page?: number
  facets: boolean
}

/**
 * `npm run bench -- search [--sizes 10000,100000]`: builds archives of generated records
 * (Brown-corpus text), then times Dossier's search (with facets and snippets) beside the naive
 * raw FTS5 query on the same file in the same run, and the top-20 overlap between the two.
 */
export async function benchSearch(args: string[]) {
  const backend = args.indexOf('--backend')
  if (backend >= 0 && args[backend + 1] === 'postgres') return benchSearchPostgres(args)
  const sizesArg = args.indexOf('--sizes')
  const sizes = sizesArg >= 0 ? args[sizesArg + 1]!.split(',').map(Number) : [10_000, 100_000]
  const dir = path.join(tmpdir(), `dossier-bench-search-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  const rows: (string | number)[][] = [
    ['records', 'query', 'dossier p50 / p95 / p99 ms', 'naive FTS5 p50 / p95 / p99 ms', 'p95 ratio', 'top-20 overlap'],
  ]
  const builds: string[] = []
  for (const size of sizes) {
    const file = path.join(dir, `search-${size}.db`)
    const rng = prng(size)
    const store = await openSqliteStore({ file })
    const archive = new Archive({ store, log: silentLogger, now: () => new Date() })
    let textBytes = 0
    const sample: Record<string, unknown>[] = []
    const t0 = performance.now()
    for (let start = 0; start < size; start += CHUNK) {
      const lines: string[] = []
      for (let i = start; i < Math.min(size, start + CHUNK); i++) {
        const r = realisticRecord(rng, i)
        textBytes += Buffer.byteLength(`${r.title} ${r.summary} ${(r.body as { text: string }).text} ${(r.authors as string[]).join(' ')} ${r.outlet}`)
        if (i % 997 === 0) sample.push(r)
        lines.push(JSON.stringify(r))
      }
      await archive.importItems(archive.readSources([{ name: 'bench.jsonl', bytes: Buffer.from(lines.join('\n')) }]), { actor: 'bench' })
    }
    const buildSeconds = (performance.now() - t0) / 1000
    const db = new Database(file, { readonly: true })
    let indexBytes = 0
    try {
      indexBytes = (db.prepare("SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'search_%'").get() as { n: number }).n
    } catch {
      indexBytes = Number.NaN
    }
    builds.push(
      `${size.toLocaleString('en')} records: build ${Math.round(size / buildSeconds).toLocaleString('en')} records/s (import with indexing), ` +
        `file ${(fileSize(file) / 1e6).toFixed(0)} MB, search tables ${(indexBytes / 1e6).toFixed(0)} MB for ${(textBytes / 1e6).toFixed(0)} MB of text`,
    )

    const cases = queryCases(db, sample, rng)
    const naive = (c: QueryCase) =>
      db
        .prepare(
          `SELECT d.id FROM search_text JOIN search_docs d ON d.doc = search_text.rowid
           WHERE search_text MATCH ? AND d.visible = 1 ${c.naive.where ? `AND ${c.naive.where}` : ''}
           ORDER BY bm25(search_text, 10, 4, 3, 1), d.date DESC LIMIT 20 OFFSET ${c.naive.offset ?? 0}`,
        )
        .all(c.naive.match) as { id: string }[]
    for (const kind of [...new Set(cases.map((c) => c.kind))]) {
      const mine: number[] = []
      const theirs: number[] = []
      let overlap = 0
      let compared = 0
      const ofKind = cases.filter((c) => c.kind === kind)
      for (let round = 0; round < ROUNDS; round++) {
        const c = ofKind[round % ofKind.length]!
        // Alternate who goes first, so neither always finds the cache warm.
        const runMine = async () => {
          const t = performance.now()
          // The search path itself, not Archive's answer cache (which would serve repeats).
          const answer = await searchArchive(store, c.q, { facets: c.facets, page: c.page })
          mine.push(performance.now() - t)
          return answer
        }
        const runNaive = () => {
          const t = performance.now()
          const r = naive(c)
          theirs.push(performance.now() - t)
          return r
        }
        let answer
        let exhaustive
        if (round % 2) {
          answer = await runMine()
          exhaustive = runNaive()
        } else {
          exhaustive = runNaive()
          answer = await runMine()
        }
        if (round < ofKind.length && exhaustive.length) {
          const top = new Set(exhaustive.map((r) => r.id))
          overlap += answer.hits.filter((h) => top.has(h.id)).length / Math.min(20, exhaustive.length)
          compared++
        }
      }
      const fmt = (xs: number[]) => `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)} / ${percentile(xs, 99).toFixed(1)}`
      rows.push([size.toLocaleString('en'), kind, fmt(mine), fmt(theirs), (percentile(mine, 95) / percentile(theirs, 95)).toFixed(2), compared ? (overlap / compared).toFixed(2) : '-'])
    }
    db.close()
    await store.close()
    rmSync(file, { force: true })
  }
  for (const b of builds) console.log(b)
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)))
  for (const [i, row] of rows.entries()) {
    console.log(`| ${row.map((v, c) => (c < 2 ? String(v).padEnd(widths[c]!) : String(v).padStart(widths[c]!))).join(' | ')} |`)
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  }
  rmSync(dir, { recursive: true, force: true })
}

/**
 * Queries of each kind, from the archive's own words: terms across the frequency range
 * (common, middling, rare), two-word phrases from bodies, a term with a type and year filter
 * and facets, and page 20 of a common term.
 */
function queryCases(db: Database.Database, sample: Record<string, unknown>[], rng: ReturnType<typeof prng>): QueryCase[] {
  const vocab = db
    .prepare("SELECT term, doc FROM search_vocab WHERE length(term) > 3 AND term GLOB '[a-z]*' ORDER BY doc DESC")
    .all() as { term: string; doc: number }[]
  const at = (fraction: number) => vocab[Math.floor(fraction * (vocab.length - 1))]!.term
  const terms = [0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5].map(at)
  const cases: QueryCase[] = terms.map((t) => ({ kind: 'term + facets + snippets', q: t, naive: { match: `"${t}"` }, facets: true }))
  for (const r of sample.slice(0, 10)) {
    // Two words that stand side by side in a record's body, so the phrase has at least one match.
    const words = (r.body as { text: string }).text.split(/\s+/)
    const pairs: [string, string][] = []
    for (let i = 0; i + 1 < words.length; i++) if (/^[a-z]{3,}$/.test(words[i]!) && /^[a-z]{3,}$/.test(words[i + 1]!)) pairs.push([words[i]!, words[i + 1]!])
    const pair = pairs.length ? pairs[rng.int(0, pairs.length - 1)]! : undefined
    if (pair) cases.push({ kind: 'phrase', q: `"${pair[0]} ${pair[1]}"`, naive: { match: `"${pair[0]} ${pair[1]}"` }, facets: false })
  }
  for (const [i, t] of terms.entries()) {
    const from = 2005 + i
    cases.push({
      kind: 'filtered + facets',
      q: `${t} type:report year:${from}..${from + 8}`,
      naive: { match: `"${t}"`, where: `d.type = 'report' AND d.year BETWEEN ${from} AND ${from + 8}` },
      facets: true,
    })
  }
  for (const t of terms.slice(0, 4)) cases.push({ kind: 'deep page (20)', q: t, page: 20, naive: { match: `"${t}"`, offset: 380 }, facets: false })
  return cases
}

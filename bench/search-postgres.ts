import postgres from 'postgres'
import { Archive } from '../src/archive/index.js'
import { searchArchive } from '../src/archive/search.js'
import { silentLogger } from '../src/shared/index.js'
import { openPostgresStore } from '../src/store/postgres/index.js'
import { prng, realisticRecord } from './corpus.js'

const CHUNK = 2_000
const ROUNDS = 40

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

interface PgCase {
  kind: string
  q: string
  /** The plain design's query on the same table: tsvector match, ts_rank over every match, top 20. */
  plain: { terms: string; where?: string; offset?: number }
  page?: number
  facets: boolean
}

/**
 * `npm run bench -- search --backend postgres [--sizes 100000] [--url postgres://…]`: builds
 * archives of generated records (Brown-corpus text) in PostgreSQL schemas through the import
 * pipeline, then times Dossier's search (facets, snippets) beside the plain tsvector + GIN +
 * ts_rank query on the same table, in the same run, with the top-20 overlap between the two.
 */
export async function benchSearchPostgres(args: string[]) {
  const arg = (name: string) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const url = arg('--url') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const sizes = (arg('--sizes') ?? '100000').split(',').map(Number)
  const rows: string[][] = [['records', 'query', 'dossier p50 / p95 / p99 ms', 'plain tsvector p50 / p95 / p99 ms', 'p95 ratio', 'top-20 overlap']]
  const builds: string[] = []
  for (const size of sizes) {
    const schema = `dossier_bench_${size}_${process.pid}`
    const store = await openPostgresStore({ url, schema })
    const archive = new Archive({ store, log: silentLogger, now: () => new Date() })
    const raw = postgres(url, { max: 2, onnotice: () => {}, connection: { search_path: `${schema}, public` } })
    try {
      const rng = prng(size)
      const sample: Record<string, unknown>[] = []
      const t0 = performance.now()
      for (let start = 0; start < size; start += CHUNK) {
        const lines: string[] = []
        for (let i = start; i < Math.min(size, start + CHUNK); i++) {
          const r = realisticRecord(rng, i)
          if (i % 997 === 0) sample.push(r)
          lines.push(JSON.stringify(r))
        }
        await archive.importItems(archive.readSources([{ name: 'bench.jsonl', bytes: Buffer.from(lines.join('\n')) }]), { actor: 'bench' })
      }
      const seconds = (performance.now() - t0) / 1000
      await raw`ANALYZE`
      const [{ bytes }] = (await raw<{ bytes: string }[]>`SELECT pg_total_relation_size('search_docs') + pg_total_relation_size('search_facets') AS bytes`) as unknown as [{ bytes: string }]
      builds.push(`${size.toLocaleString('en')} records: build ${Math.round(size / seconds).toLocaleString('en')} records/s (import with indexing), search tables ${(Number(bytes) / 1e6).toFixed(0)} MB`)

      const cases = await queryCases(raw, sample, rng)
      const plain = async (c: PgCase) =>
        raw.unsafe(
          `SELECT id FROM search_docs d WHERE d.visible AND d.tsv @@ to_tsquery('dossier_text', $1) ${c.plain.where ? `AND ${c.plain.where}` : ''}
            ORDER BY ts_rank('{0.1, 0.3, 0.4, 1.0}', d.tsv, to_tsquery('dossier_text', $1)) DESC, d.date DESC LIMIT 20 OFFSET ${c.plain.offset ?? 0}`,
          [c.plain.terms],
        ) as Promise<{ id: string }[]>
      for (const kind of [...new Set(cases.map((c) => c.kind))]) {
        const mine: number[] = []
        const theirs: number[] = []
        let overlap = 0
        let compared = 0
        const ofKind = cases.filter((c) => c.kind === kind)
        for (let round = 0; round < ROUNDS; round++) {
          const c = ofKind[round % ofKind.length]!
          const runMine = async () => {
            const t = performance.now()
            const answer = await searchArchive(store, c.q, { facets: c.facets, page: c.page })
            mine.push(performance.now() - t)
            return answer
          }
          const runPlain = async () => {
            const t = performance.now()
            const r = await plain(c)
            theirs.push(performance.now() - t)
            return r
          }
          // Alternate who goes first, so neither always finds the cache warm.
          let answer
          let exhaustive
          if (round % 2) {
            answer = await runMine()
            exhaustive = await runPlain()
          } else {
            exhaustive = await runPlain()
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
    } finally {
      await raw.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await raw.end()
      await store.close()
    }
  }
  for (const b of builds) console.log(b)
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  for (const [i, row] of rows.entries()) {
    console.log(`| ${row.map((v, c) => (c < 2 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join(' | ')} |`)
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  }
}

/** The same kinds of query as the SQLite benchmark: terms across the frequency range, phrases, filtered, deep pages. */
async function queryCases(raw: postgres.Sql, sample: Record<string, unknown>[], rng: ReturnType<typeof prng>): Promise<PgCase[]> {
  const vocab = await raw<{ word: string }[]>`SELECT word FROM ts_stat('SELECT tsv FROM search_docs') WHERE length(word) > 3 AND word ~ '^[a-z]+$' ORDER BY ndoc DESC`
  const at = (fraction: number) => vocab[Math.floor(fraction * (vocab.length - 1))]!.word
  const terms = [0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5].map(at)
  const cases: PgCase[] = terms.map((t) => ({ kind: 'term + facets + snippets', q: t, plain: { terms: `'${t}'` }, facets: true }))
  for (const r of sample.slice(0, 10)) {
    const words = (r.body as { text: string }).text.split(/\s+/)
    const pairs: [string, string][] = []
    for (let i = 0; i + 1 < words.length; i++) if (/^[a-z]{3,}$/.test(words[i]!) && /^[a-z]{3,}$/.test(words[i + 1]!)) pairs.push([words[i]!, words[i + 1]!])
    const pair = pairs.length ? pairs[rng.int(0, pairs.length - 1)]! : undefined
    if (pair) cases.push({ kind: 'phrase', q: `"${pair[0]} ${pair[1]}"`, plain: { terms: `'${pair[0]} ${pair[1]}'` }, facets: false })
  }
  for (const [i, t] of terms.entries()) {
    const from = 2005 + i
    cases.push({ kind: 'filtered + facets', q: `${t} type:report year:${from}..${from + 8}`, plain: { terms: `'${t}'`, where: `d.type = 'report' AND d.year BETWEEN ${from} AND ${from + 8}` }, facets: true })
  }
  for (const t of terms.slice(0, 4)) cases.push({ kind: 'deep page (20)', q: t, page: 20, plain: { terms: `'${t}'`, offset: 380 }, facets: false })
  return cases
}

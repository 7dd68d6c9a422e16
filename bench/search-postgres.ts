import postgres from 'postgres'
import { Archive } from '../src/archive/index.js'
import { searchArchive } from '../src/archive/search.js'
import { silentLogger } from '../src/shared/index.js'
import { openPostgresStore } from '../src/store/postgres/index.js'
import { prng, realisticRecord } from './corpus.js'
import { printTable, queryCases, timeSideBySide, type QueryCase } from './side-by-side.js'

const CHUNK = 2_000
const ROUNDS = 40

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
    const archive = new Archive({ store, log: silentLogger, now: () => new Date(), enrichOnWrite: false })
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

      const vocabulary = (await raw<{ word: string }[]>`SELECT word FROM ts_stat('SELECT tsv FROM search_docs') WHERE length(word) > 3 AND word ~ '^[a-z]+$' ORDER BY ndoc DESC`).map((r) => r.word)
      const plain = (c: QueryCase) =>
        raw.unsafe(
          `SELECT id FROM search_docs d WHERE d.visible AND d.tsv @@ to_tsquery('dossier_text', $1)
             ${c.filter ? `AND d.type = '${c.filter.type}' AND d.year BETWEEN ${c.filter.from} AND ${c.filter.to}` : ''}
            ORDER BY ts_rank('{0.1, 0.3, 0.4, 1.0}', d.tsv, to_tsquery('dossier_text', $1)) DESC, d.date DESC LIMIT 20 OFFSET ${c.offset ?? 0}`,
          [`'${c.words.join(' ')}'`],
        ) as Promise<{ id: string }[]>
      rows.push(...(await timeSideBySide(size, queryCases(vocabulary, sample, rng), ROUNDS, (c) => searchArchive(store, c.q, { facets: c.facets, page: c.page }), plain)))
    } finally {
      await raw.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await raw.end()
      await store.close()
    }
  }
  for (const b of builds) console.log(b)
  printTable(rows)
}

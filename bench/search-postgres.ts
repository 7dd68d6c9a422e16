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
 * `npm run bench -- search --backend postgres [--sizes 100000] [--url postgres://…]
 * [--copies K] [--schema NAME]`: builds archives of generated records (Brown-corpus text) in
 * PostgreSQL schemas through the import pipeline, then times Dossier's search (facets,
 * snippets) beside the plain tsvector + GIN + ts_rank query over a table of the plain design
 * (filter columns and the whole vector in one row) holding the same records, in the same run, with the top-20 overlap between the two.
 *
 * `--copies K` imports size/K records and copies their rows K-1 more times in SQL under new
 * ids (a million records through the pipeline would take over an hour here). `--schema NAME`
 * keeps the archive in that schema, and reuses it when it already holds the records.
 */
export async function benchSearchPostgres(args: string[]) {
  const arg = (name: string) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const url = arg('--url') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const sizes = (arg('--sizes') ?? '100000').split(',').map(Number)
  const copies = Math.max(1, Number(arg('--copies') ?? 1))
  const kept = arg('--schema')
  const rows: string[][] = [['records', 'query', 'dossier p50 / p95 / p99 ms', 'plain tsvector p50 / p95 / p99 ms', 'p95 ratio', 'top-20 overlap']]
  const builds: string[] = []
  for (const size of sizes) {
    const schema = kept ? `${kept}_${size}` : `dossier_bench_${size}_${process.pid}`
    const store = await openPostgresStore({ url, schema })
    const archive = new Archive({ store, log: silentLogger, now: () => new Date(), enrichOnWrite: false })
    const raw = postgres(url, { max: 2, onnotice: () => {}, connection: { search_path: `${schema}, public` } })
    try {
      const imported = Math.ceil(size / copies)
      const rng = prng(size)
      const sample: Record<string, unknown>[] = []
      const present = Number((await raw<{ n: string }[]>`SELECT count(*) AS n FROM search_docs`)[0]!.n)
      const t0 = performance.now()
      for (let start = 0; start < imported; start += CHUNK) {
        const lines: string[] = []
        for (let i = start; i < Math.min(imported, start + CHUNK); i++) {
          const r = realisticRecord(rng, i)
          if (i % 997 === 0) sample.push(r)
          lines.push(JSON.stringify(r))
        }
        if (present < size) await archive.importItems(archive.readSources([{ name: 'bench.jsonl', bytes: Buffer.from(lines.join('\n')) }]), { actor: 'bench' })
      }
      const seconds = (performance.now() - t0) / 1000
      if (present < size) await copyRows(raw, copies)
      await plainTable(raw)
      await raw`VACUUM ANALYZE`
      const [{ bytes }] = (await raw<{ bytes: string }[]>`SELECT pg_total_relation_size('search_docs') + pg_total_relation_size('search_bodies') + pg_total_relation_size('search_facets') AS bytes`) as unknown as [{ bytes: string }]
      const how = present >= size ? 'reused from an earlier run' : `build ${Math.round(imported / seconds).toLocaleString('en')} records/s (import with indexing)${copies > 1 ? `, ${imported.toLocaleString('en')} imported and copied ${copies} times in SQL` : ''}`
      builds.push(`${size.toLocaleString('en')} records: ${how}, search tables ${(Number(bytes) / 1e6).toFixed(0)} MB`)
      // As in the SQLite bench: the columns are read once, outside the timings, as a server does at start.
      const warm = performance.now()
      await searchArchive(store, '', { limit: 1 })
      builds.push(`${size.toLocaleString('en')} records: search columns read at start in ${(performance.now() - warm).toFixed(0)} ms`)

      const vocabulary = (await raw<{ word: string }[]>`SELECT word FROM ts_stat('SELECT tsv FROM plain_docs') WHERE length(word) > 3 AND word ~ '^[a-z]+$' ORDER BY ndoc DESC`).map((r) => r.word)
      const plain = (c: QueryCase) =>
        raw.unsafe(
          `SELECT id FROM plain_docs d WHERE d.visible AND d.tsv @@ to_tsquery('dossier_text', $1)
             ${c.filter ? `AND d.type = '${c.filter.type}' AND d.year BETWEEN ${c.filter.from} AND ${c.filter.to}` : ''}
            ORDER BY ts_rank('{0.1, 0.3, 0.4, 1.0}', d.tsv, to_tsquery('dossier_text', $1)) DESC, d.date DESC, d.id DESC LIMIT 20 OFFSET ${c.offset ?? 0}`,
          [`'${c.words.join(' ')}'`],
        ) as Promise<{ id: string }[]>
      rows.push(...(await timeSideBySide(size, queryCases(vocabulary, sample, rng), ROUNDS, (c) => searchArchive(store, c.q, { facets: c.facets, page: c.page }), plain)))
    } finally {
      if (!kept) await raw.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await raw.end()
      await store.close()
    }
  }
  for (const b of builds) console.log(b)
  printTable(rows)
}

/**
 * Copies every imported record's publication and search rows `copies - 1` times under new ids
 * (and slugs and URL keys, which are unique), one statement per table and copy.
 */
async function copyRows(raw: postgres.Sql, copies: number) {
  for (let k = 1; k < copies; k++) {
    const tag = `~${k}`
    await raw.begin(async (tx) => {
      await tx`INSERT INTO publications (id, slug, status, type, title, published, url_key, match_key, fields, created_at, updated_at, revision)
        SELECT id || ${tag}, slug || ${tag}, status, type, title, published, url_key || ${tag}, match_key || ${tag}, fields, created_at, updated_at, revision
          FROM publications WHERE position('~' in id) = 0`
      await tx`INSERT INTO search_docs (id, visible, type, year, date, lang, head) SELECT id || ${tag}, visible, type, year, date, lang, head FROM search_docs WHERE position('~' in id) = 0`
      await tx`INSERT INTO search_bodies (doc, tsv) SELECT n.doc, b.tsv FROM search_bodies b JOIN search_docs o ON o.doc = b.doc JOIN search_docs n ON n.id = o.id || ${tag}
        WHERE position('~' in o.id) = 0`
      await tx`INSERT INTO search_facets (field, key, id, value) SELECT field, key, id || ${tag}, value FROM search_facets WHERE position('~' in id) = 0`
    })
  }
}

/**
 * The baseline's own table, as the plain design keeps it: one row per record with its filter
 * columns and its whole weighted vector, behind a GIN index. Made once per archive.
 */
async function plainTable(raw: postgres.Sql) {
  const [{ present }] = (await raw<{ present: boolean }[]>`SELECT to_regclass('plain_docs') IS NOT NULL AS present`) as unknown as [{ present: boolean }]
  if (present) return
  await raw.begin(async (tx) => {
    await tx`SET LOCAL maintenance_work_mem = '512MB'`
    await tx`CREATE TABLE plain_docs AS SELECT d.id, d.visible, d.type, d.year, d.date, b.tsv FROM search_docs d JOIN search_bodies b ON b.doc = d.doc`
    await tx`CREATE INDEX plain_docs_tsv ON plain_docs USING gin (tsv)`
  })
}

import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Archive } from '../src/archive/index.js'
import { searchArchive } from '../src/archive/search.js'
import { silentLogger } from '../src/shared/index.js'
import { openSqliteStore } from '../src/store/sqlite/index.js'
import { prng, realisticRecord } from './corpus.js'
import { benchSearchPostgres } from './search-postgres.js'
import { fileSize } from './file-size.js'
import { SearchColumns } from '../src/store/search-columns.js'
import { refreshColumns } from '../src/store/sqlite/search-columns.js'
import { printTable, queryCases, timeSideBySide, type QueryCase } from './side-by-side.js'

const CHUNK = 5_000
const ROUNDS = 60

/**
 * `npm run bench -- search [--sizes 10000,100000]`: builds archives of generated records
 * (Brown-corpus text), then times Dossier's search (with facets and snippets) beside the naive
 * raw FTS5 query on the same file in the same run, and the top-20 overlap between the two.
 * `--keep DIR` keeps the archives in DIR and reuses one already built there for a size (its
 * build figures are read back from beside it), so query changes can be timed on a million
 * records without a 20-minute build each time.
 */
export async function benchSearch(args: string[]) {
  const backend = args.indexOf('--backend')
  if (backend >= 0 && args[backend + 1] === 'postgres') return benchSearchPostgres(args)
  const sizesArg = args.indexOf('--sizes')
  const sizes = sizesArg >= 0 ? args[sizesArg + 1]!.split(',').map(Number) : [10_000, 100_000]
  const keepArg = args.indexOf('--keep')
  const keep = keepArg >= 0 ? path.resolve(args[keepArg + 1]!) : undefined
  const dir = keep ?? path.join(tmpdir(), `dossier-bench-search-${process.pid}`)
  if (!keep) rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const rows: string[][] = [
    ['records', 'query', 'dossier p50 / p95 / p99 ms', 'naive FTS5 p50 / p95 / p99 ms', 'p95 ratio', 'top-20 overlap'],
  ]
  const builds: string[] = []
  for (const size of sizes) {
    const file = path.join(dir, `search-${size}.db`)
    const figuresFile = path.join(dir, `search-${size}.json`)
    // A kept archive is reused only when its build finished (the figures are written last).
    const reused = keep !== undefined && existsSync(figuresFile) && existsSync(file)
    if (!reused) rmSync(file, { force: true })
    const rng = prng(size)
    const store = await openSqliteStore({ file })
    const archive = new Archive({ store, log: silentLogger, now: () => new Date(), enrichOnWrite: false })
    let textBytes = 0
    const sample: Record<string, unknown>[] = []
    // Only the import is timed: generating the records is the benchmark's work, not Dossier's.
    let buildMs = 0
    const naiveBuild = reused ? undefined : new NaiveBuild(path.join(dir, `naive-${size}.db`))
    for (let start = 0; start < size; start += CHUNK) {
      const lines: string[] = []
      for (let i = start; i < Math.min(size, start + CHUNK); i++) {
        const r = realisticRecord(rng, i)
        textBytes += Buffer.byteLength(`${r.title} ${r.summary} ${(r.body as { text: string }).text} ${(r.authors as string[]).join(' ')} ${r.outlet}`)
        if (i % 997 === 0) sample.push(r)
        if (!reused) lines.push(JSON.stringify(r))
      }
      if (reused) continue
      const t0 = performance.now()
      await archive.importItems(archive.readSources([{ name: 'bench.jsonl', bytes: Buffer.from(lines.join('\n')) }]), { actor: 'bench' })
      buildMs += performance.now() - t0
      naiveBuild!.add(lines)
    }
    let naiveMs = naiveBuild?.close()
    if (reused) ({ buildMs, naiveMs } = JSON.parse(readFileSync(figuresFile, 'utf8')) as { buildMs: number; naiveMs?: number })
    else if (keep) writeFileSync(figuresFile, JSON.stringify({ buildMs, naiveMs }))
    const buildSeconds = buildMs / 1000
    const db = new Database(file, { readonly: true })
    let indexBytes = 0
    try {
      indexBytes = (db.prepare("SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'search_%'").get() as { n: number }).n
    } catch {
      indexBytes = Number.NaN
    }
    builds.push(
      `${size.toLocaleString('en')} records: build ${Math.round(size / buildSeconds).toLocaleString('en')} records/s (import with indexing)` +
        (naiveMs ? ` beside ${Math.round(size / (naiveMs / 1000)).toLocaleString('en')} records/s into a plain FTS5 table alone (ratio ${(naiveMs / buildMs).toFixed(2)}), ` : ', ') +
        `file ${(fileSize(file) / 1e6).toFixed(0)} MB, search tables ${(indexBytes / 1e6).toFixed(0)} MB for ${(textBytes / 1e6).toFixed(0)} MB of text`,
    )

    const vocabulary = (db.prepare("SELECT term FROM search_vocab WHERE length(term) > 3 AND term GLOB '[a-z]*' ORDER BY doc DESC").pluck().all() as string[])
    const naive = (c: QueryCase) =>
      db
        .prepare(
          `SELECT d.id FROM search_text JOIN search_docs d ON d.doc = search_text.rowid
           WHERE search_text MATCH ? AND d.visible = 1 ${c.filter ? `AND d.type = '${c.filter.type}' AND d.year BETWEEN ${c.filter.from} AND ${c.filter.to}` : ''}
           ORDER BY bm25(search_text, 10, 4, 3, 1), d.date DESC LIMIT 20 OFFSET ${c.offset ?? 0}`,
        )
        .all(`"${c.words.join(' ')}"`) as { id: string }[]
    // The server reads the search columns once at start (src/main/server.ts); so does the
    // bench, outside the timings, and prints what that took.
    const warm = performance.now()
    await searchArchive(store, '', { limit: 1 })
    builds.push(`${size.toLocaleString('en')} records: search columns read at start in ${(performance.now() - warm).toFixed(0)} ms`)
    // The search path itself, not Archive's answer cache (which would serve repeats).
    rows.push(...(await timeSideBySide(size, queryCases(vocabulary, sample, rng), ROUNDS, (c) => searchArchive(store, c.q, { facets: c.facets, page: c.page }), naive)))
    // The edits would change a kept archive: skipped there, so every run times the same data.
    if (!keep) builds.push(await timeColumnsAfterEdits(archive, db, size))
    db.close()
    await store.close()
    if (!keep) rmSync(file, { force: true })
  }
  for (const b of builds) console.log(b)
  printTable(rows)
  if (!keep) rmSync(dir, { recursive: true, force: true })
}

/**
 * The first search after a write: a process's in-memory search columns brought up to date by
 * patching in the edited record, beside reading them whole, alternated on the same file.
 */
async function timeColumnsAfterEdits(archive: Archive, db: Database.Database, size: number): Promise<string> {
  const held = refreshColumns(new SearchColumns(), db)
  const patched: number[] = []
  const whole: number[] = []
  const ids = (await archive.list({ limit: 10 })).items.map((p) => p.id)
  for (const id of ids) {
    const p = await archive.get(id)
    await archive.updateRecord(id, { summary: `${p.summary ?? ''} .`.slice(0, 500), topics: [...(p.topics ?? []), 'bench edits'] }, p.revision, 'bench')
    let t = performance.now()
    refreshColumns(held, db)
    patched.push(performance.now() - t)
    t = performance.now()
    refreshColumns(new SearchColumns(), db)
    whole.push(performance.now() - t)
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!
  return `${size.toLocaleString('en')} records: search columns after an edit — patched ${median(patched).toFixed(2)} ms, read whole ${median(whole).toFixed(1)} ms (median of ${ids.length}; ${held.loads} whole read by the patched copy)`
}

/**
 * The plain approach's build, beside Dossier's on the same records chunk by chunk: the same
 * text into one FTS5 table of its own (default options, the text stored in it, the same
 * tokenizer), in transactions of the same 2,000 records and nothing else — no record table,
 * no dedup keys, no facets. What SQLite's full-text index alone costs on this machine at this
 * size, so the build rate can be read against it.
 */
class NaiveBuild {
  readonly #db: Database.Database
  readonly #insert: Database.Statement
  #ms = 0
  constructor(readonly file: string) {
    rmSync(file, { force: true })
    this.#db = new Database(file)
    this.#db.pragma('journal_mode = WAL')
    this.#db.pragma('synchronous = NORMAL')
    this.#db.exec("CREATE VIRTUAL TABLE docs USING fts5 (title, summary, people, body, tokenize = 'porter unicode61 remove_diacritics 2')")
    this.#insert = this.#db.prepare('INSERT INTO docs (title, summary, people, body) VALUES (?, ?, ?, ?)')
  }
  add(lines: string[]) {
    const t0 = performance.now()
    const batch = this.#db.transaction((rows: Record<string, unknown>[]) => {
      for (const r of rows) this.#insert.run(r.title, r.summary, `${(r.authors as string[]).join(' ; ')} ; ${r.outlet}`, (r.body as { text: string }).text)
    })
    for (let i = 0; i < lines.length; i += 2000) batch(lines.slice(i, i + 2000).map((l) => JSON.parse(l) as Record<string, unknown>))
    this.#ms += performance.now() - t0
  }
  /** The time spent adding; the file is removed. */
  close(): number {
    this.#db.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.file + suffix, { force: true })
    return this.#ms
  }
}

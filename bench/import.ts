import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Archive } from '../src/archive/index.js'
import { matchKey, newRecordFields, normalizeUrlForMatching, slugify, validatePublication } from '../src/model/index.js'
import { silentLogger } from '../src/shared/index.js'
import { openSqliteStore } from '../src/store/sqlite/index.js'
import { prng, realisticRecord } from './corpus.js'
import { fileSize } from './file-size.js'

const CHUNK = 5_000


/** `npm run bench -- import [--count N]`: Dossier's import beside a raw insert of the same rows. */
export async function benchImport(args: string[]) {
  const countArg = args.indexOf('--count')
  const count = countArg >= 0 ? Number(args[countArg + 1]) : 100_000
  const dir = path.join(tmpdir(), `dossier-bench-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })

  console.log(`generating ${count.toLocaleString('en')} records from the Brown corpus…`)
  const rng = prng(20261124)
  const lines: string[] = []
  for (let i = 0; i < count; i++) lines.push(JSON.stringify(realisticRecord(rng, i)))
  const inputBytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0)

  // The floor: the same rows, already validated, inserted with one prepared statement in one
  // transaction on the same schema, with the same pragmas.
  const rawFile = path.join(dir, 'raw.db')
  await (await openSqliteStore({ file: rawFile })).close()
  const rows = lines.map((line, i) => {
    const fields = newRecordFields(validatePublication(JSON.parse(line)))
    return {
      id: `raw${String(i).padStart(9, '0')}`,
      slug: `${slugify(fields.title)}-${i}`,
      status: fields.status,
      type: fields.type,
      title: fields.title,
      published: fields.published ?? null,
      url_key: fields.url ? normalizeUrlForMatching(fields.url) : null,
      match_key: matchKey(fields),
      fields: JSON.stringify(fields),
      at: new Date().toISOString(),
    }
  })
  const raw = new Database(rawFile)
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = NORMAL')
  const insert = raw.prepare(
    `INSERT INTO publications (id, slug, status, type, title, published, url_key, match_key, fields, created_at, updated_at, revision)
     VALUES (@id, @slug, @status, @type, @title, @published, @url_key, @match_key, @fields, @at, @at, 1)`,
  )
  const insertRevision = raw.prepare(`INSERT INTO revisions (publication_id, number, at, actor, action) VALUES (?, 1, ?, 'bench', 'created')`)
  let t0 = performance.now()
  raw.transaction(() => {
    for (const r of rows) {
      insert.run(r)
      insertRevision.run(r.id, r.at)
    }
  })()
  const rawSeconds = (performance.now() - t0) / 1000
  raw.pragma('wal_checkpoint(TRUNCATE)')
  raw.close()

  // Dossier: the whole import path — JSON Lines parsing, validation, de-duplication lookups,
  // slugs, the record and its first revision — in the archive's batched transactions.
  // Beside it, chunk for chunk, the same import with one of the store's large-import measures
  // turned off: the log copied back by the writer itself instead of the checkpoint thread, and
  // SQLite's default page cache instead of the large one bulk writes get.
  const dossierFile = path.join(dir, 'dossier.db')
  const store = await openSqliteStore({ file: dossierFile })
  const archive = new Archive({ store, log: silentLogger, now: () => new Date() })
  const variants = await Promise.all(
    [
      { label: 'same, log copied back by the writer', file: 'writer-checkpoints.db', checkpointThread: false },
      { label: 'same, SQLite\'s default page cache', file: 'default-cache.db', bulkCache: false },
    ].map(async ({ label, file, ...options }) => {
      const variantStore = await openSqliteStore({ file: path.join(dir, file), ...options })
      return { label, file: path.join(dir, file), store: variantStore, archive: new Archive({ store: variantStore, log: silentLogger, now: () => new Date() }), ms: 0 }
    }),
  )
  let created = 0
  let rssPeak = 0
  let dossierMs = 0
  for (let start = 0; start < lines.length; start += CHUNK) {
    const bytes = Buffer.from(lines.slice(start, start + CHUNK).join('\n'))
    t0 = performance.now()
    const outcomes = await archive.importItems(archive.readSources([{ name: 'bench.jsonl', bytes }]), { actor: 'bench' })
    dossierMs += performance.now() - t0
    created += outcomes.filter((o) => o.status === 'created').length
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
    for (const v of variants) {
      t0 = performance.now()
      await v.archive.importItems(v.archive.readSources([{ name: 'bench.jsonl', bytes }]), { actor: 'bench' })
      v.ms += performance.now() - t0
    }
  }
  const dossierSeconds = dossierMs / 1000
  await store.close()
  for (const v of variants) await v.store.close()

  // A second run over the same input: everything must come back `unchanged`.
  const again = await openSqliteStore({ file: dossierFile })
  const archive2 = new Archive({ store: again, log: silentLogger, now: () => new Date() })
  let unchanged = 0
  t0 = performance.now()
  for (let start = 0; start < lines.length; start += CHUNK) {
    const bytes = Buffer.from(lines.slice(start, start + CHUNK).join('\n'))
    unchanged += (await archive2.importItems(archive2.readSources([{ name: 'bench.jsonl', bytes }]), { actor: 'bench' })).filter((o) => o.status === 'unchanged').length
  }
  const reimportSeconds = (performance.now() - t0) / 1000
  await again.close()

  const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
  const table = [
    ['run', 'records', 'seconds', 'records/s', 'db MB', 'vs raw'],
    ['raw better-sqlite3 insert (floor)', count, rawSeconds.toFixed(2), Math.round(count / rawSeconds), mb(fileSize(rawFile)), '1.00'],
    ['dossier import (created)', created, dossierSeconds.toFixed(2), Math.round(count / dossierSeconds), mb(fileSize(dossierFile)), (rawSeconds / dossierSeconds).toFixed(2)],
    ...variants.map((v) => [v.label, count, (v.ms / 1000).toFixed(2), Math.round(count / (v.ms / 1000)), mb(fileSize(v.file)), (rawSeconds / (v.ms / 1000)).toFixed(2)]),
    ['dossier re-import (unchanged)', unchanged, reimportSeconds.toFixed(2), Math.round(count / reimportSeconds), mb(fileSize(dossierFile)), (rawSeconds / reimportSeconds).toFixed(2)],
  ]
  console.log(`input: ${mb(inputBytes)} MB of JSON Lines; peak RSS during the Dossier imports (all of them in this process): ${mb(rssPeak)} MB`)
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => String(r[c]).length)))
  for (const [i, row] of table.entries()) {
    console.log(`| ${row.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]!) : String(v).padStart(widths[c]!))).join(' | ')} |`)
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  }
  rmSync(dir, { recursive: true, force: true })
  if (created !== count || unchanged !== count) {
    console.error(`expected ${count} created and ${count} unchanged`)
    process.exitCode = 1
  }
}

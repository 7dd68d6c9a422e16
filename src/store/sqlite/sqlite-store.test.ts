import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import type { Publication } from '../../model/index.js'
import { parseQuery } from '../../search/index.js'
import { aRecord } from '../../../test/support/builders.js'
import { tempDir } from '../../../test/support/paths.js'
import { describeSearchContract } from '../search.contract.js'
import { describeStoreContract } from '../store.contract.js'
import { describeEnrichmentContract } from '../enrichment.contract.js'
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js'
import { SearchColumns } from '../search-columns.js'
import { describeColumnsContract } from '../search-columns.contract.js'
import { refreshColumns } from './search-columns.js'
import { openSqliteStore } from './sqlite-store.js'
import { parseNumberList } from './number-list.js'
import { RankingWorker } from './ranking-worker.js'

const dir = tempDir()
let n = 0
describeStoreContract('sqlite', () => openSqliteStore({ file: path.join(dir, `contract-${++n}.db`) }))
describeEnrichmentContract('sqlite', () => openSqliteStore({ file: path.join(dir, `contract-${++n}.db`) }))

describe('SQLite archive file', () => {
  it('keeps records across reopening and migrates once', async () => {
    const file = path.join(dir, 'reopen.db')
    const first = await openSqliteStore({ file })
    const saved = await first.publications.create(aRecord(), { actor: 't', at: '2024-01-01T00:00:00.000Z' })
    await first.close()
    const second = await openSqliteStore({ file: path.join(dir, 'reopen.db') })
    assert.deepEqual(await second.publications.get(saved.id), saved)
    assert.ok((await second.migrate()).results.every((r) => r.status === 'already-applied'))
    await second.close()
  })

  it('rebuilds a table others refer to without losing what refers to it', async () => {
    // An archive made before the rebuilding migration: the earlier schema, a record with two
    // revisions written as that schema held them, then the search index built over it.
    const file = path.join(dir, 'rebuild.db')
    const db = new Database(file)
    db.pragma('foreign_keys = ON')
    db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT')
    const earlier = SQLITE_MIGRATIONS.filter((m) => m.name < '20261125T0000')
    const apply = (m: (typeof SQLITE_MIGRATIONS)[number]) => {
      db.exec(m.sql)
      m.after?.(db)
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.name, '2024-01-01T00:00:00.000Z')
    }
    apply(earlier[0]!)
    const fields = { ...aRecord({ title: 'Harbour tolls' }), summary: 'Changed.' }
    db.prepare(`INSERT INTO publications VALUES ('oldrecord0001', 'harbour-tolls', 'published', 'op-ed', 'Harbour tolls', NULL, NULL, 'k', ?, '2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z', 2)`).run(JSON.stringify(fields))
    db.prepare(`INSERT INTO revisions VALUES ('oldrecord0001', 1, '2024-01-01T00:00:00.000Z', 't', 'created', NULL), ('oldrecord0001', 2, '2024-01-02T00:00:00.000Z', 't', 'updated', '{"summary":{"to":"Changed."}}')`).run()
    earlier.slice(1).forEach(apply)
    db.close()
    const saved = { id: 'oldrecord0001' }
    const reopened = await openSqliteStore({ file })
    assert.equal((await reopened.publications.revisions(saved.id)).length, 2)
    assert.equal((await reopened.search.search({ query: parseQuery('tolls'), sort: 'relevance', limit: 5 })).total, 1)
    assert.equal((await reopened.publications.update(saved.id, { ...aRecord({ title: 'Harbour tolls' }), status: 'deleted' }, { status: { from: 'published', to: 'deleted' } }, { actor: 't', at: '2024-01-03T00:00:00.000Z' })).status, 'deleted')
    await reopened.close()
  })

  it('commits a batch around a refused record, and rolls back one in which a record failed halfway', async () => {
    const file = path.join(dir, 'halfway.db')
    const store = await openSqliteStore({ file })
    // A write that fails after the record's checks passed and its row was written, as a bug or
    // a full disk would: a trigger on its revision.
    const other = new Database(file)
    other.exec(`CREATE TRIGGER fail_revision BEFORE INSERT ON revisions
      WHEN (SELECT title FROM publications WHERE id = NEW.publication_id) = 'Breaks halfway'
      BEGIN SELECT RAISE(ABORT, 'revision refused'); END`)
    other.close()
    const at = '2024-01-01T00:00:00.000Z'
    const batch = (records: [title: string, url: string][]) =>
      store.transaction(async (tx) => {
        for (const [title, url] of records) {
          // The importer's way: a failed item is reported and the batch goes on.
          await tx.publications.create(aRecord({ title, url }), { actor: 't', at }).catch(() => undefined)
        }
      })
    // The second record is refused by its checks (the address is taken): nothing of it was written.
    await batch([['Harbour tolls', 'https://example.org/tolls'], ['Harbour dues', 'https://example.org/tolls']])
    assert.equal(await store.publications.count(), 1)
    await assert.rejects(batch([['Canal dues', 'https://example.org/dues'], ['Breaks halfway', 'https://example.org/halfway']]), (err: Error & { code?: string }) => err.code === 'INTERNAL' && /failed halfway.*revision refused/.test(err.message))
    assert.equal(await store.publications.count(), 1)
    assert.equal((await store.search.search({ query: parseQuery('halfway'), sort: 'relevance', limit: 5 })).total, 0)
    // The store goes on: the next batch commits.
    await store.transaction((tx) => tx.publications.create(aRecord({ title: 'Canal fees' }), { actor: 't', at }))
    assert.equal(await store.publications.count(), 2)
    await store.close()
  })

  it('lets the full-text index hold a whole import batch in memory before writing a segment', async () => {
    const file = path.join(dir, 'hashsize.db')
    const store = await openSqliteStore({ file })
    await store.close()
    const db = new Database(file, { readonly: true })
    const row = db.prepare("SELECT v FROM search_text_config WHERE k = 'hashsize'").get() as { v: number } | undefined
    db.close()
    assert.ok(row && row.v >= 16 * 1024 * 1024, `hashsize ${row?.v}`)
  })

  it('folds the log into the file and removes it on close, after a large import started the copying thread', async () => {
    const file = path.join(dir, 'checkpoint.db')
    const store = await openSqliteStore({ file })
    const at = '2024-01-01T00:00:00.000Z'
    // Two batches of about 7 MB of text: the first leaves a log large enough to start the thread.
    for (let batch = 1; batch <= 2; batch++) {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 60; i++) {
          const text = Array.from({ length: 4000 }, (_, w) => `word${(w * 7919 + i * 31 + batch) % 50000}`).join(' ')
          await tx.publications.create(aRecord({ title: `Batch ${batch} piece ${i}`, body: { text, isExcerpt: false } }), { actor: 't', at })
        }
      })
    }
    await store.close()
    // Were the thread's connection still open, the writer's would not be the last to close.
    assert.equal(existsSync(`${file}-wal`), false)
    const reopened = await openSqliteStore({ file })
    assert.equal(await reopened.publications.count(), 120)
    await reopened.close()
  })

  it('creates the folders of a new archive path', async () => {
    const store = await openSqliteStore({ file: path.join(dir, 'a', 'b', 'new.db') })
    assert.equal(await store.publications.count(), 0)
    await store.close()
  })
})

// Another connection holds the columns, as a second process would.
describeColumnsContract('sqlite', async () => {
  const file = path.join(dir, `columns-${++n}.db`)
  const store = await openSqliteStore({ file })
  const reader = new Database(file, { readonly: true })
  const held = new SearchColumns()
  return {
    store,
    concurrentWrites: false,
    held: async () => refreshColumns(held, reader),
    fresh: async () => refreshColumns(new SearchColumns(), reader),
    close: async () => {
      reader.close()
      await store.close()
    },
  }
})

describeSearchContract('sqlite', () => openSqliteStore({ file: path.join(dir, `search-${++n}.db`) }))
// The same contract with every relevance page that can be ranked head first ranked so.
describeSearchContract('sqlite, head first', () => openSqliteStore({ file: path.join(dir, `search-${++n}.db`), headFirstFrom: 1 }))

describe('SQLite search ranked head first', () => {
  it('reads the match list SQLite sends as one string', () => {
    assert.deepEqual(Array.from(parseNumberList('7')), [7])
    assert.deepEqual(Array.from(parseNumberList('1,22,333,2147483647')), [1, 22, 333, 2147483647])
  })

  it('gives the pages the full ranking gives when head matches fill them, by offset and by cursor', async () => {
    const file = path.join(dir, 'head-first.db')
    const writer = await openSqliteStore({ file })
    const ctx = { actor: 'test', at: '2024-03-06T10:00:00.000Z' }
    // 45 records with the word in the head (title, summary or author), with the word also in
    // their bodies a varying number of times, so the body changes their order; and 30 records
    // holding it once in a long body, which rank below them.
    for (let i = 0; i < 45; i++) {
      const where = i % 3
      await writer.publications.create(aRecord({
        title: where === 0 ? `Lighthouse keepers ${i}` : `Coastal note ${i}`,
        summary: where === 1 ? `On the lighthouse at cape ${i}.` : undefined,
        ...(where === 2 ? { authors: [{ name: `Lighthouse Trust ${i}`, kind: 'organization' as const }] } : {}),
        body: { text: `${'lighthouse '.repeat(i % 5)}${'fog and rock '.repeat(1 + (i % 7))}`, isExcerpt: false },
        published: `2022-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      }), ctx)
    }
    for (let i = 0; i < 30; i++) {
      await writer.publications.create(aRecord({ title: `Shipping column ${i}`, summary: undefined, body: { text: `lighthouse ${'tides and harbours '.repeat(60)}`, isExcerpt: false }, published: '2023-05-01' }), ctx)
    }
    await writer.close()
    const full = await openSqliteStore({ file, headFirstFrom: Number.MAX_SAFE_INTEGER })
    // Head candidates ranked in this thread, and in the worker beside the listing.
    for (const parallelRanking of [false, true]) {
      const headFirst = await openSqliteStore({ file, headFirstFrom: 1, parallelRanking })
      try {
        const search = (store: typeof full, extra: object) => store.search.search({ query: parseQuery('lighthouse'), sort: 'relevance', limit: 10, ...extra })
        const ranked = (await search(full, { limit: 100 })).hits.map((h) => [h.publication.title, h.score])
        assert.equal(ranked.length, 75)
        for (const offset of [0, 10, 30, 40]) {
          const page = await search(headFirst, { offset })
          assert.deepEqual(page.hits.map((h) => [h.publication.title, h.score]), ranked.slice(offset, offset + 10), `offset ${offset}, parallel ${parallelRanking}`)
          assert.equal(page.total, 75)
        }
        // By cursor to the end: past the head candidates the pages go on over every match.
        const walked: unknown[] = []
        let cursor: string | undefined
        do {
          const page = await search(headFirst, { cursor })
          walked.push(...page.hits.map((h) => [h.publication.title, h.score]))
          cursor = page.nextCursor
        } while (cursor)
        assert.deepEqual(walked, ranked)
        // Filtered so that few records pass (8 of 75): the head candidates come from those only
        const filtered = { query: parseQuery('lighthouse date:2022-01..2022-02'), sort: 'relevance' as const }
        const exhaustive = (await full.search.search({ ...filtered, limit: 100 })).hits.map((h) => [h.publication.title, h.score])
        assert.equal(exhaustive.length, 8)
        const firstFive = await headFirst.search.search({ ...filtered, limit: 5 })
        assert.deepEqual(firstFive.hits.map((h) => [h.publication.title, h.score]), exhaustive.slice(0, 5), `filtered, parallel ${parallelRanking}`)
        assert.equal(firstFive.total, 8)
        const rest = await headFirst.search.search({ ...filtered, limit: 5, cursor: firstFive.nextCursor })
        assert.deepEqual(rest.hits.map((h) => [h.publication.title, h.score]), exhaustive.slice(5))
      } finally {
        await headFirst.close()
      }
    }
    await full.close()
  })

  it('finds and scores head candidates in a worker thread as the calling thread would', async () => {
    const file = path.join(dir, 'ranking-worker.db')
    const store = await openSqliteStore({ file })
    const ctx = { actor: 'test', at: '2024-03-06T10:00:00.000Z' }
    for (let i = 0; i < 12; i++) {
      await store.publications.create(aRecord({ title: i % 2 ? `Tide tables ${i}` : `Harbour works ${i}`, body: { text: `${'tide '.repeat(i)}and the rest`, isExcerpt: false } }), ctx)
    }
    await store.close()
    const headSql = 'SELECT rowid FROM search_text WHERE search_text MATCH ? ORDER BY bm25(search_text, 10, 4, 3, 1) LIMIT ?'
    const scoreSql = 'SELECT rowid, bm25(search_text, 10, 4, 3, 1) FROM search_text WHERE search_text MATCH ? AND +rowid IN (SELECT value FROM json_each(?))'
    const db = new Database(file, { readonly: true })
    const heads = db.prepare(headSql).pluck().all('{title summary people} : "tide"', 4) as number[]
    const expected = db.prepare(scoreSql).raw().all('"tide"', JSON.stringify(heads))
    db.close()
    assert.equal(heads.length, 4)
    // The candidates, then their scores: the first statement's ids handed to the second.
    const steps = [
      { sql: headSql, args: ['{title summary people} : "tide"', 4] },
      { sql: scoreSql, args: ['"tide"', '$previous'], skipIfNone: true },
    ]
    const worker = new RankingWorker(file)
    try {
      assert.deepEqual(await worker.rank(steps), expected)
      assert.deepEqual(await worker.rank([{ ...steps[0]!, args: ['{title} : "nowhere"', 4] }, steps[1]!]), [])
      // A statement the worker cannot run is an error for that request, and the worker goes on.
      await assert.rejects(worker.rank([{ sql: 'SELECT x FROM nowhere', args: [] }]), /no such table: nowhere/)
      assert.deepEqual(await worker.rank(steps), expected)
    } finally {
      await worker.close()
    }
    assert.equal(worker.usable, false)
    await assert.rejects(worker.rank(steps), /closed/)
  })
})

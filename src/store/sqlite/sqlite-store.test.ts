import assert from 'node:assert/strict'
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
import { MULTI_FIELDS, SearchColumns } from '../search-columns.js'
import { refreshColumns } from './search-columns.js'
import { openSqliteStore } from './sqlite-store.js'

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

  it('creates the folders of a new archive path', async () => {
    const store = await openSqliteStore({ file: path.join(dir, 'a', 'b', 'new.db') })
    assert.equal(await store.publications.count(), 0)
    await store.close()
  })
})

/** What the columns say of every document, in names rather than the ids a load happened to give. */
function columnsView(c: SearchColumns) {
  const docs = []
  for (let d = 0; d < c.size; d++) {
    if (!c.exists[d]) continue
    const multi = MULTI_FIELDS.map((f) => {
      const m = c.multi.get(f)!
      return Array.from(m.ids.subarray(m.start[d]!, m.start[d + 1]!), (k) => m.keys[k]!).sort()
    })
    docs.push({ d, visible: c.visible[d], type: c.typeNames[c.type[d]!], year: c.year[d], date: c.date[d], lang: c.langNames[c.lang[d]!], multi })
  }
  return { docs, byDate: Array.from(c.byDate) }
}

describe('SQLite search columns after writes', () => {
  it('patch in what changed and answer as a fresh load does', async () => {
    const file = path.join(dir, 'columns.db')
    const store = await openSqliteStore({ file })
    const ctx = (day: number) => ({ actor: 't', at: `2024-02-${String(day).padStart(2, '0')}T00:00:00.000Z` })
    const saved: Publication[] = []
    for (let i = 0; i < 30; i++) {
      const fields = aRecord({
        title: `Harbour tolls ${i}`, type: i % 3 ? 'op-ed' : 'report', published: `20${10 + (i % 7)}-0${1 + (i % 9)}-1${i % 10}`,
        topics: [`topic ${i % 4}`], authors: [{ kind: 'person', family: `Family${i % 5}`, given: 'Ann' }],
      })
      saved.push(await store.publications.create(fields, ctx(1)))
    }
    // Another connection holds the columns, as a second process would.
    const reader = new Database(file, { readonly: true })
    const held = refreshColumns(new SearchColumns(), reader)
    const loads = held.loads

    // Edits that move documents in date order, change single and many-valued columns, hide one,
    // add new documents past the old end, and give one record entities.
    const edit = async (i: number, over: Parameters<typeof aRecord>[0]) => {
      const before = saved[i]!
      const { id, slug, createdAt, updatedAt, revision, ...fields } = before
      void slug; void createdAt; void updatedAt; void revision
      saved[i] = await store.publications.update(id, { ...fields, ...over }, {}, ctx(2))
    }
    await edit(3, { published: '2030-01-01', topics: ['topic 9', 'topic 0'] })
    await edit(7, { type: 'report', authors: [{ kind: 'person', family: 'Newname', given: 'Bo' }] })
    await edit(11, { status: 'draft' })
    await edit(0, { published: '1999', regions: ['Arctic'] })
    for (let i = 0; i < 3; i++) await store.publications.create(aRecord({ title: `New ${i}`, published: '2015-05-05', topics: ['topic 1'] }), ctx(3))
    await store.enrichment.save(saved[5]!.id, { version: 'v1', entities: [{ key: 'country:JP', name: 'Japan', type: 'LOC', country: 'JP', mentions: 1, fields: ['body'], surfaces: ['Japan'] }], events: [] }, ctx(4).at)
    await store.enrichment.rename('country:JP', 'Nippon')

    refreshColumns(held, reader)
    assert.equal(held.loads, loads, 'the columns were patched, not reloaded')
    const fresh = refreshColumns(new SearchColumns(), reader)
    assert.deepEqual(columnsView(held), columnsView(fresh))
    assert.ok(columnsView(held).docs.some((d) => d.multi[MULTI_FIELDS.indexOf('entity')]!.includes('nippon')))
    reader.close()
    await store.close()
  })
})

describeSearchContract('sqlite', () => openSqliteStore({ file: path.join(dir, `search-${++n}.db`) }))

import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { parseQuery } from '../../search/index.js'
import { aRecord } from '../../../test/support/builders.js'
import { tempDir } from '../../../test/support/paths.js'
import { describeSearchContract } from '../search.contract.js'
import { describeStoreContract } from '../store.contract.js'
import { openSqliteStore } from './sqlite-store.js'

const dir = tempDir()
let n = 0
describeStoreContract('sqlite', () => openSqliteStore({ file: path.join(dir, `contract-${++n}.db`) }))

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
    const file = path.join(dir, 'rebuild.db')
    const store = await openSqliteStore({ file })
    const saved = await store.publications.create(aRecord({ title: 'Harbour tolls' }), { actor: 't', at: '2024-01-01T00:00:00.000Z' })
    await store.publications.update(saved.id, { ...aRecord({ title: 'Harbour tolls' }), summary: 'Changed.' }, { summary: { from: undefined, to: 'Changed.' } }, { actor: 't', at: '2024-01-02T00:00:00.000Z' })
    await store.close()
    // Forget the rebuilding migration and run it again, as an archive made before it would.
    const db = new Database(file)
    db.prepare(`DELETE FROM schema_migrations WHERE name = '20261125T0000-deleted-status'`).run()
    db.close()
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

describeSearchContract('sqlite', () => openSqliteStore({ file: path.join(dir, `search-${++n}.db`) }))

import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
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

  it('creates the folders of a new archive path', async () => {
    const store = await openSqliteStore({ file: path.join(dir, 'a', 'b', 'new.db') })
    assert.equal(await store.publications.count(), 0)
    await store.close()
  })
})

describeSearchContract('sqlite', () => openSqliteStore({ file: path.join(dir, `search-${++n}.db`) }))

import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { tempDir } from '../../../test/support/paths.js'
import { BulkWriteCache } from './bulk-write-cache.js'

const dir = tempDir()

function write(db: Database.Database, cache: BulkWriteCache, rows: number) {
  const insert = db.prepare('INSERT INTO pieces (text) VALUES (?)')
  db.exec('BEGIN IMMEDIATE')
  cache.beginning()
  for (let i = 0; i < rows; i++) insert.run(`piece ${i}`)
  db.exec('COMMIT')
  cache.committed()
}

describe('the writer’s page cache during bulk writes', () => {
  it('grows for a transaction of many rows, not for small ones, and shrinks back once they stop', async () => {
    const db = new Database(path.join(dir, 'bulk.db'))
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE pieces (id INTEGER PRIMARY KEY, text TEXT)')
    const initial = db.pragma('cache_size', { simple: true })
    const cache = new BulkWriteCache(db, { bulkKb: 64 * 1024, quietMs: 60 })

    write(db, cache, 10)
    assert.equal(db.pragma('cache_size', { simple: true }), initial, 'an editor’s save leaves the cache alone')
    assert.equal(cache.raised, false)

    write(db, cache, 5000)
    assert.equal(db.pragma('cache_size', { simple: true }), -64 * 1024, 'an import batch gets the large cache')

    // Batches keep coming: the cache stays large between them.
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 30))
      write(db, cache, 2000)
    }
    assert.equal(cache.raised, true)

    for (let waited = 0; cache.raised && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20))
    assert.equal(cache.raised, false, 'quiet for long enough, the cache is handed back')
    assert.equal(db.pragma('cache_size', { simple: true }), initial)
    cache.close()
    db.close()
  })
})

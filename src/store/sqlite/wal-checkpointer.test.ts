import assert from 'node:assert/strict'
import { statSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { tempDir } from '../../../test/support/paths.js'
import { WalCheckpointer } from './wal-checkpointer.js'

const dir = tempDir()

/** Commits about 8 MB of fresh pages, as an import batch does. */
function writeBatch(db: Database.Database, batch: number) {
  const insert = db.prepare('INSERT INTO pieces (batch, text) VALUES (?, ?)')
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(batch, `${batch}:${i} `.repeat(400))
  })()
}

describe('copying the log back on another thread', () => {
  it('starts once the log has grown, raises the writer’s own mark, and copies what the writer left', async () => {
    const file = path.join(dir, 'log.db')
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE pieces (batch INTEGER, text TEXT)')
    const checkpointer = new WalCheckpointer(db)
    checkpointer.committed()
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000, 'a small log is left to SQLite')

    writeBatch(db, 1)
    checkpointer.committed()
    assert.ok((db.pragma('wal_autocheckpoint', { simple: true }) as number) > 10_000, 'the writer no longer stops to copy each batch')

    // The writer's mark is now above this batch, so only the thread can bring it into the file.
    const before = statSync(file).size
    writeBatch(db, 2)
    checkpointer.committed()
    let after = statSync(file).size
    for (let waited = 0; after < before + 6_000_000 && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50))
      after = statSync(file).size
    }
    assert.ok(after >= before + 6_000_000, `the file grew by ${after - before} bytes`)

    await checkpointer.close()
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000, 'a stopped thread hands copying back to the writer')
    db.close()
  })
})

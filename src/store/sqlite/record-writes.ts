import type Database from 'better-sqlite3'

/**
 * One record's checks (which may refuse it) and then its writes (its row, its revision, its
 * search entries), atomically.
 *
 * Alone, both run in a transaction of their own. Inside a caller's transaction (an import batch)
 * they get no savepoint: FTS5 flushes its pending terms into a new index segment at every
 * savepoint, and one savepoint per record halved the rate at which a batch fills the index. As
 * every refusal is thrown before the first write, a refused record leaves nothing behind; a
 * write failing after that (a bug, a full disk) would leave half a record, so it dooms the
 * caller's transaction, which then rolls back whole instead of committing (see `takeDoom`).
 */
export function recordTransaction<P, T>(db: Database.Database, check: () => P, write: (checked: P) => T): T {
  if (!db.inTransaction) return db.transaction(() => write(check()))()
  const checked = check()
  try {
    return write(checked)
  } catch (err) {
    if (!doomed.has(db)) doomed.set(db, err)
    throw err
  }
}

const doomed = new WeakMap<Database.Database, unknown>()

/** The error that doomed the open transaction, if one did; the mark is cleared. */
export function takeDoom(db: Database.Database): unknown {
  const err = doomed.get(db)
  doomed.delete(db)
  return err
}

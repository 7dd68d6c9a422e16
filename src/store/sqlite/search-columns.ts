import type Database from 'better-sqlite3'
import type { DocRow, FacetGroup, FacetRow, SearchColumns } from '../search-columns.js'
import { parseNumberList } from './number-list.js'

/**
 * SQLite's side of the in-memory search columns: every write moves search_state.generation on
 * and marks the documents it changed with it, so a process holding the columns reads only
 * those (or everything, when too much changed).
 */

/** Whether the index marks changed documents (archives before that migration do not). */
export function hasChangeMarks(db: Database.Database): boolean {
  if (changeMarks.has(db)) return true
  const present = db.prepare("SELECT 1 FROM pragma_table_info('search_docs') WHERE name = 'changed'").get() !== undefined
  if (present) changeMarks.add(db)
  return present
}
const changeMarks = new WeakSet<Database.Database>()

/** Moves the index to a new generation and returns it. Call inside the writing transaction. */
export function nextSearchGeneration(db: Database.Database): number {
  let s = markStatements.get(db)
  if (!s) {
    // Two statements, not one UPDATE … RETURNING: on this table (its CHECK constraint) that one
    // runs with a statement savepoint, and FTS5 flushes its pending terms at every savepoint, so
    // in an import batch it cost a flush per record (a third of the import's time).
    s = {
      bump: db.prepare('UPDATE search_state SET generation = generation + 1 WHERE id = 1'),
      read: db.prepare('SELECT generation FROM search_state WHERE id = 1').pluck(),
    }
    markStatements.set(db, s)
  }
  s.bump.run()
  return s.read.get() as number
}

/**
 * Records that the index changed: a new generation, and the given documents marked with it so
 * that processes holding the columns patch them in. Call inside the writing transaction.
 */
export function markSearchChange(db: Database.Database, docs: Iterable<number>): void {
  const generation = nextSearchGeneration(db)
  if (!hasChangeMarks(db)) return
  const s = markStatements.get(db)!
  s.mark ??= db.prepare('UPDATE search_docs SET changed = ? WHERE doc = ?')
  for (const doc of docs) s.mark.run(generation, doc)
}
const markStatements = new WeakMap<Database.Database, { bump: Database.Statement; read: Database.Statement; mark?: Database.Statement }>()

/** Brings the columns up to the index's generation; returns them. */
export function refreshColumns(columns: SearchColumns, db: Database.Database): SearchColumns {
  const generation = (db.prepare('SELECT generation FROM search_state WHERE id = 1').get() as { generation: number }).generation
  if (generation === columns.generation) return columns
  if (columns.generation >= 0 && generation > columns.generation && hasChangeMarks(db)) {
    const most = columns.patchLimit()
    const rows = db
      .prepare('SELECT doc, visible, type, year, date, lang FROM search_docs WHERE changed > ? ORDER BY doc LIMIT ?')
      .raw()
      .all(columns.generation, most + 1) as DocRow[]
    if (rows.length <= most) {
      const facetRows = db
        .prepare('SELECT f.doc, f.field, f.key, f.value FROM search_facets f JOIN search_docs d ON d.doc = f.doc WHERE d.changed > ?')
        .raw()
        .iterate(columns.generation) as Iterable<FacetRow>
      columns.patch(generation, rows, facetRows)
      return columns
    }
  }
  const max = (db.prepare('SELECT coalesce(max(doc), 0) AS n FROM search_docs').get() as { n: number }).n
  columns.replace(generation, max + 1, docRows(db), { grouped: facetGroups(db) })
  return columns
}

/**
 * Every document's row, read a page at a time: rows fetched whole pages at once came three
 * times faster than one at a time, and a page bounds the memory.
 */
function* docRows(db: Database.Database): Iterable<DocRow> {
  const page = db.prepare<[number, number]>('SELECT doc, visible, type, year, date, lang FROM search_docs WHERE doc > ? ORDER BY doc LIMIT ?').raw()
  for (let after = -1; ; ) {
    const rows = page.all(after, 50_000) as DocRow[]
    yield* rows
    if (rows.length < 50_000) return
    after = rows[rows.length - 1]![0]
  }
}

/**
 * The facet values, each with the documents holding it as one list: a row per value rather
 * than per document and value, which loaded 18 times faster (200,000 values of 20,000
 * records: 78 ms against 1.4 s). The shown form is the one of the value's first document.
 */
function* facetGroups(db: Database.Database): Iterable<FacetGroup> {
  const groups = db
    .prepare('SELECT field, key, value, min(doc), group_concat(doc) FROM search_facets GROUP BY field, key')
    .raw()
    .iterate() as Iterable<[string, string, string, number, string]>
  for (const [field, key, value, , docs] of groups) yield [field, key, value, parseNumberList(docs)]
}

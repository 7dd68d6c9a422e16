import type Database from 'better-sqlite3'
import type { Publication, PublicationFields } from '../../model/index.js'
import { docColumns, facetValues, foldKey, indexedTexts } from '../indexed-fields.js'
import { indexEntityFacets } from './sqlite-enrichment.js'
import { hasChangeMarks, nextSearchGeneration } from './search-columns.js'

/**
 * Keeps the search tables in step with one record. Called inside the record's own
 * transaction, so the index never shows a state the archive does not hold.
 */

type Statements = ReturnType<typeof prepare>
const cache = new WeakMap<Database.Database, Statements>()

function prepare(db: Database.Database) {
  const marked: { insert?: Database.Statement; update?: Database.Statement } = {}
  const unmarked: typeof marked = {}
  return {
    docOf: db.prepare<[string], { doc: number }>('SELECT doc FROM search_docs WHERE id = ?'),
    // The generation is written with the row (one statement less per record); archives being
    // migrated from before the change marks have no such column yet.
    insertDoc: () => hasChangeMarks(db)
      ? (marked.insert ??= db.prepare('INSERT INTO search_docs (id, visible, type, year, date, lang, changed) VALUES (@id, @visible, @type, @year, @date, @lang, @changed)'))
      : (unmarked.insert ??= db.prepare('INSERT INTO search_docs (id, visible, type, year, date, lang) VALUES (@id, @visible, @type, @year, @date, @lang)')),
    updateDoc: () => hasChangeMarks(db)
      ? (marked.update ??= db.prepare('UPDATE search_docs SET visible = @visible, type = @type, year = @year, date = @date, lang = @lang, changed = @changed WHERE doc = @doc'))
      : (unmarked.update ??= db.prepare('UPDATE search_docs SET visible = @visible, type = @type, year = @year, date = @date, lang = @lang WHERE doc = @doc')),
    deleteText: db.prepare('DELETE FROM search_text WHERE rowid = ?'),
    insertText: db.prepare('INSERT INTO search_text (rowid, title, summary, people, body) VALUES (?, ?, ?, ?, ?)'),
    deleteFacets: db.prepare('DELETE FROM search_facets WHERE doc = ?'),
    // A record's facet rows go in one statement (prepared once per row count): ten statements
    // a record cost a tenth of an import.
    insertFacets: (() => {
      const byCount = new Map<number, Database.Statement>()
      return (rows: unknown[][]) => {
        if (!rows.length) return
        let s = byCount.get(rows.length)
        if (!s) byCount.set(rows.length, (s = db.prepare(`INSERT OR IGNORE INTO search_facets (field, key, doc, value) VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`)))
        s.run(rows.flat())
      }
    })(),
    // The search migration reindexes before the enrichment tables exist.
    hasEntities: (() => {
      let present = false
      const probe = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'record_entities'")
      return () => (present ||= Boolean(probe.get()))
    })(),
  }
}

function statements(db: Database.Database): Statements {
  let s = cache.get(db)
  if (!s) cache.set(db, (s = prepare(db)))
  return s
}

export function indexPublication(db: Database.Database, id: string, f: PublicationFields): void {
  const s = statements(db)
  const columns = docColumns(f)
  const row = { ...columns, visible: columns.visible ? 1 : 0, changed: nextSearchGeneration(db) }
  let doc = s.docOf.get(id)?.doc
  if (doc === undefined) {
    doc = Number(s.insertDoc().run({ id, ...row }).lastInsertRowid)
  } else {
    s.updateDoc().run({ doc, ...row })
    s.deleteText.run(doc)
    s.deleteFacets.run(doc)
  }
  const text = indexedTexts(f)
  s.insertText.run(doc, text.title, text.summary, text.people, text.body)
  s.insertFacets(facetValues(f).map(([field, value]) => [field, foldKey(value), doc, field === 'author-word' ? '' : value]))
  if (s.hasEntities()) indexEntityFacets(db, id)
}

/** Rebuilds the index from every record: the migration that adds search runs it once. */
export function reindexAll(db: Database.Database): void {
  // In pages rather than one open cursor: the connection cannot write while a cursor reads.
  const page = db.prepare<[number], { rowid: number; id: string; fields: string }>('SELECT rowid, id, fields FROM publications WHERE rowid > ? ORDER BY rowid LIMIT 500')
  for (let after = 0; ; ) {
    const rows = page.all(after)
    if (rows.length === 0) break
    for (const row of rows) indexPublication(db, row.id, JSON.parse(row.fields) as Publication)
    after = rows.at(-1)!.rowid
  }
}

import type Database from 'better-sqlite3'
import type { Publication, PublicationFields } from '../../model/index.js'
import { displayName } from '../../model/index.js'
import { toIndexText } from '../../search/index.js'

/**
 * Keeps the search tables in step with one record. Called inside the record's own
 * transaction, so the index never shows a state the archive does not hold.
 */

/** Folded as the index folds: lower case, no diacritics, single spaces. */
export function foldKey(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
}

type Statements = ReturnType<typeof prepare>
const cache = new WeakMap<Database.Database, Statements>()

function prepare(db: Database.Database) {
  return {
    docOf: db.prepare<[string], { doc: number }>('SELECT doc FROM search_docs WHERE id = ?'),
    insertDoc: db.prepare('INSERT INTO search_docs (id, visible, type, year, date, lang) VALUES (@id, @visible, @type, @year, @date, @lang)'),
    updateDoc: db.prepare('UPDATE search_docs SET visible = @visible, type = @type, year = @year, date = @date, lang = @lang WHERE doc = @doc'),
    deleteText: db.prepare('DELETE FROM search_text WHERE rowid = ?'),
    insertText: db.prepare('INSERT INTO search_text (rowid, title, summary, people, body) VALUES (?, ?, ?, ?, ?)'),
    deleteFacets: db.prepare('DELETE FROM search_facets WHERE doc = ?'),
    insertFacet: db.prepare('INSERT OR IGNORE INTO search_facets (field, key, doc, value) VALUES (?, ?, ?, ?)'),
    bump: db.prepare('UPDATE search_state SET generation = generation + 1 WHERE id = 1'),
  }
}

function statements(db: Database.Database): Statements {
  let s = cache.get(db)
  if (!s) cache.set(db, (s = prepare(db)))
  return s
}

/** The facet values of a record, by field; authors also by each word of their names. */
function facetValues(f: PublicationFields): [field: string, value: string][] {
  const out: [string, string][] = []
  for (const a of f.authors ?? []) {
    const name = displayName(a)
    out.push(['author', name])
    // author:kishida finds "Kishida Fumio": each word of a name is a key of its own.
    for (const word of foldKey(name).split(/[\s.-]+/)) if (word.length > 1) out.push(['author-word', word])
  }
  if (f.outlet) out.push(['outlet', f.outlet])
  for (const t of f.topics ?? []) out.push(['topic', t])
  for (const r of f.regions ?? []) out.push(['region', r])
  if (f.program) out.push(['program', f.program])
  return out
}

export function indexPublication(db: Database.Database, id: string, f: PublicationFields): void {
  const s = statements(db)
  const row = {
    visible: f.status === 'published' ? 1 : 0,
    type: f.type,
    year: f.published ? Number(f.published.slice(0, 4)) : null,
    date: f.published ?? '',
    lang: f.language ? f.language.toLowerCase().split('-')[0]! : null,
  }
  let doc = s.docOf.get(id)?.doc
  if (doc === undefined) {
    doc = Number(s.insertDoc.run({ id, ...row }).lastInsertRowid)
  } else {
    s.updateDoc.run({ doc, ...row })
    s.deleteText.run(doc)
    s.deleteFacets.run(doc)
  }
  const people = [...(f.authors ?? []).map(displayName), f.outlet ?? ''].join(' ; ')
  s.insertText.run(doc, toIndexText(f.title + (f.subtitle ? ` ${f.subtitle}` : '')), toIndexText(f.summary ?? ''), toIndexText(people), toIndexText(f.body?.text ?? ''))
  for (const [field, value] of facetValues(f)) s.insertFacet.run(field, foldKey(value), doc, field === 'author-word' ? '' : value)
  s.bump.run()
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

import type Database from 'better-sqlite3'

/**
 * The filterable and facetable columns of every indexed record, held in memory as arrays
 * indexed by document number. A query's text match gives a list of documents; filters and
 * facet counts are then loops over these arrays instead of one SQL join per facet (seven
 * joins over tens of thousands of matches cost more than the text match itself). Reloaded
 * when search_state.generation says the index changed.
 */

/** A many-valued field: each value's folded key and shown form, and each document's keys. */
export interface MultiColumn {
  keys: string[]
  values: string[]
  keyIndex: Map<string, number>
  /** CSR: the key ids of document d are ids[start[d] .. start[d + 1]). */
  start: Int32Array
  ids: Int32Array
}

export const MULTI_FIELDS = ['author', 'author-word', 'outlet', 'topic', 'region', 'program', 'entity'] as const
export type MultiField = (typeof MULTI_FIELDS)[number]

export class SearchColumns {
  /** One past the largest document number. */
  size = 0
  generation = -1
  exists = new Uint8Array(0)
  visible = new Uint8Array(0)
  type = new Uint16Array(0)
  typeNames: string[] = []
  year = new Int16Array(0)
  lang = new Uint16Array(0)
  langNames: string[] = []
  date: string[] = []
  /** Documents newest first (by date, then by document number), for date order. */
  byDate = new Int32Array(0)
  multi = new Map<MultiField, MultiColumn>()

  /** Reloads when the index changed since the last load; returns this. */
  refresh(db: Database.Database): this {
    const generation = (db.prepare('SELECT generation FROM search_state WHERE id = 1').get() as { generation: number }).generation
    if (generation !== this.generation) this.#load(db, generation)
    return this
  }

  #load(db: Database.Database, generation: number) {
    const max = (db.prepare('SELECT coalesce(max(doc), 0) AS n FROM search_docs').get() as { n: number }).n
    const size = max + 1
    this.size = size
    this.exists = new Uint8Array(size)
    this.visible = new Uint8Array(size)
    this.type = new Uint16Array(size)
    this.year = new Int16Array(size)
    this.lang = new Uint16Array(size)
    this.date = new Array<string>(size).fill('')
    const typeIds = new Map<string, number>()
    const langIds = new Map<string, number>([['', 0]])
    this.typeNames = []
    this.langNames = ['']
    const rows = db.prepare('SELECT doc, visible, type, year, date, lang FROM search_docs').raw().iterate() as Iterable<[number, number, string, number | null, string, string | null]>
    for (const [doc, visible, type, year, date, lang] of rows) {
      this.exists[doc] = 1
      this.visible[doc] = visible
      let t = typeIds.get(type)
      if (t === undefined) {
        typeIds.set(type, (t = this.typeNames.length))
        this.typeNames.push(type)
      }
      this.type[doc] = t
      this.year[doc] = year ?? 0
      this.date[doc] = date
      const l = lang ?? ''
      let li = langIds.get(l)
      if (li === undefined) {
        langIds.set(l, (li = this.langNames.length))
        this.langNames.push(l)
      }
      this.lang[doc] = li
    }
    const docs: number[] = []
    for (let d = 0; d < size; d++) if (this.exists[d]) docs.push(d)
    docs.sort((a, b) => (this.date[a]! < this.date[b]! ? 1 : this.date[a]! > this.date[b]! ? -1 : b - a))
    this.byDate = Int32Array.from(docs)

    this.multi = new Map()
    for (const field of MULTI_FIELDS) {
      const keys: string[] = []
      const values: string[] = []
      const keyIndex = new Map<string, number>()
      const counts = new Int32Array(size + 1)
      const pairs: number[] = []
      const facetRows = db.prepare('SELECT doc, key, value FROM search_facets WHERE field = ? ORDER BY doc').raw().iterate(field) as Iterable<[number, string, string]>
      for (const [doc, key, value] of facetRows) {
        let k = keyIndex.get(key)
        if (k === undefined) {
          keyIndex.set(key, (k = keys.length))
          keys.push(key)
          values.push(value)
        }
        counts[doc + 1]!++
        pairs.push(doc, k)
      }
      const start = new Int32Array(size + 1)
      for (let d = 0; d < size; d++) start[d + 1] = start[d]! + counts[d + 1]!
      const ids = new Int32Array(pairs.length / 2)
      const fill = start.slice(0, size)
      for (let i = 0; i < pairs.length; i += 2) ids[fill[pairs[i]!]!++] = pairs[i + 1]!
      this.multi.set(field, { keys, values, keyIndex, start, ids })
    }
    this.generation = generation
  }
}

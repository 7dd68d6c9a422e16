import type Database from 'better-sqlite3'

/**
 * The filterable and facetable columns of every indexed record, held in memory as arrays
 * indexed by document number. A query's text match gives a list of documents; filters and
 * facet counts are then loops over these arrays instead of one SQL join per facet (seven
 * joins over tens of thousands of matches cost more than the text match itself). Reloaded
 * when search_state.generation says the index changed, or patched with what changed.
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

type DocRow = [doc: number, visible: number, type: string, year: number | null, date: string, lang: string | null]

/** Up to this many changed documents (or this share of the archive) are patched, not reloaded. */
const PATCH_AT_LEAST = 2000
const PATCH_SHARE = 0.05

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
    s = { bump: db.prepare('UPDATE search_state SET generation = generation + 1 WHERE id = 1 RETURNING generation').pluck() }
    markStatements.set(db, s)
  }
  return s.bump.get() as number
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
const markStatements = new WeakMap<Database.Database, { bump: Database.Statement; mark?: Database.Statement }>()

export class SearchColumns {
  /** One past the largest document number. */
  size = 0
  generation = -1
  /** How many times the columns were read whole (the rest were patched). */
  loads = 0
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

  readonly #typeIds = new Map<string, number>()
  readonly #langIds = new Map<string, number>()

  /**
   * Brings the columns up to the index's generation: a few changed documents are patched in
   * (each document row carries the generation that last changed it), many mean a reload.
   */
  refresh(db: Database.Database): this {
    const generation = (db.prepare('SELECT generation FROM search_state WHERE id = 1').get() as { generation: number }).generation
    if (generation === this.generation) return this
    if (this.generation >= 0 && generation > this.generation && hasChangeMarks(db)) {
      const most = Math.max(PATCH_AT_LEAST, Math.floor(this.size * PATCH_SHARE))
      const rows = db
        .prepare('SELECT doc, visible, type, year, date, lang FROM search_docs WHERE changed > ? ORDER BY doc LIMIT ?')
        .raw()
        .all(this.generation, most + 1) as DocRow[]
      if (rows.length <= most) {
        this.#patch(db, rows, generation)
        return this
      }
    }
    this.#load(db, generation)
    return this
  }

  #setDoc([doc, visible, type, year, date, lang]: DocRow) {
    this.exists[doc] = 1
    this.visible[doc] = visible
    let t = this.#typeIds.get(type)
    if (t === undefined) {
      this.#typeIds.set(type, (t = this.typeNames.length))
      this.typeNames.push(type)
    }
    this.type[doc] = t
    this.year[doc] = year ?? 0
    this.date[doc] = date
    const l = lang ?? ''
    let li = this.#langIds.get(l)
    if (li === undefined) {
      this.#langIds.set(l, (li = this.langNames.length))
      this.langNames.push(l)
    }
    this.lang[doc] = li
  }

  /** Newest first by date, then by document number: the order of byDate. */
  #newerFirst = (a: number, b: number) => (this.date[a]! < this.date[b]! ? 1 : this.date[a]! > this.date[b]! ? -1 : b - a)

  #resize(size: number) {
    const grow = <T extends Uint8Array | Uint16Array | Int16Array>(old: T, make: (n: number) => T): T => {
      const next = make(size)
      next.set(old)
      return next
    }
    this.exists = grow(this.exists, (n) => new Uint8Array(n))
    this.visible = grow(this.visible, (n) => new Uint8Array(n))
    this.type = grow(this.type, (n) => new Uint16Array(n))
    this.year = grow(this.year, (n) => new Int16Array(n))
    this.lang = grow(this.lang, (n) => new Uint16Array(n))
    for (let d = this.size; d < size; d++) this.date[d] = ''
    this.size = size
  }

  /** Applies the rows of the documents changed since this.generation (sorted by doc). */
  #patch(db: Database.Database, rows: DocRow[], generation: number) {
    if (rows.length === 0) {
      this.generation = generation
      return
    }
    const oldSize = this.size
    const last = rows[rows.length - 1]![0]
    if (last >= oldSize) this.#resize(last + 1)
    for (const row of rows) this.#setDoc(row)

    // Date order: the changed documents leave their places and are merged back in.
    const changed = rows.map((r) => r[0])
    const isChanged = new Uint8Array(this.size)
    for (const d of changed) isChanged[d] = 1
    const sortedChanged = changed.slice().sort(this.#newerFirst)
    const byDate = new Int32Array(this.byDate.length + changed.length)
    let n = 0
    let c = 0
    for (const d of this.byDate) {
      if (isChanged[d]) continue
      while (c < sortedChanged.length && this.#newerFirst(sortedChanged[c]!, d) < 0) byDate[n++] = sortedChanged[c++]!
      byDate[n++] = d
    }
    while (c < sortedChanged.length) byDate[n++] = sortedChanged[c++]!
    this.byDate = byDate.slice(0, n)

    // Many-valued fields: the changed documents' lists are replaced; the rest is copied in runs.
    const fresh = new Map<MultiField, Map<number, number[]>>(MULTI_FIELDS.map((f) => [f, new Map()]))
    const facetRows = db
      .prepare('SELECT f.doc, f.field, f.key, f.value FROM search_facets f JOIN search_docs d ON d.doc = f.doc WHERE d.changed > ?')
      .raw()
      .iterate(this.generation) as Iterable<[number, MultiField, string, string]>
    for (const [doc, field, key, value] of facetRows) {
      const column = this.multi.get(field)
      if (!column) continue
      let k = column.keyIndex.get(key)
      if (k === undefined) {
        column.keyIndex.set(key, (k = column.keys.length))
        column.keys.push(key)
        column.values.push(value)
      }
      const lists = fresh.get(field)!
      const list = lists.get(doc)
      if (list) list.push(k)
      else lists.set(doc, [k])
    }
    for (const field of MULTI_FIELDS) {
      const column = this.multi.get(field)!
      const lists = fresh.get(field)!
      const start = new Int32Array(this.size + 1)
      let added = 0
      for (const d of changed) added += lists.get(d)?.length ?? 0
      const ids = new Int32Array(column.ids.length + added)
      let at = 0
      let from = 0 // first document not yet copied
      const copyUpTo = (end: number) => {
        // Documents from..end-1 are unchanged (or new and empty): their lists move as one block.
        const top = Math.min(end, oldSize)
        if (from < top) {
          const a = column.start[from]!
          const b = column.start[top]!
          ids.set(column.ids.subarray(a, b), at)
          const shift = at - a
          for (let d = from; d < top; d++) start[d + 1] = column.start[d + 1]! + shift
          at += b - a
        }
        for (let d = Math.max(from, top); d < end; d++) start[d + 1] = at
      }
      for (const d of changed) {
        copyUpTo(d)
        for (const k of lists.get(d) ?? []) ids[at++] = k
        start[d + 1] = at
        from = d + 1
      }
      copyUpTo(this.size)
      column.start = start
      column.ids = at === ids.length ? ids : ids.slice(0, at)
    }
    this.generation = generation
  }

  #load(db: Database.Database, generation: number) {
    this.loads++
    const max = (db.prepare('SELECT coalesce(max(doc), 0) AS n FROM search_docs').get() as { n: number }).n
    const size = max + 1
    this.size = size
    this.exists = new Uint8Array(size)
    this.visible = new Uint8Array(size)
    this.type = new Uint16Array(size)
    this.year = new Int16Array(size)
    this.lang = new Uint16Array(size)
    this.date = new Array<string>(size).fill('')
    this.#typeIds.clear()
    this.#langIds.clear()
    this.#langIds.set('', 0)
    this.typeNames = []
    this.langNames = ['']
    const rows = db.prepare('SELECT doc, visible, type, year, date, lang FROM search_docs').raw().iterate() as Iterable<DocRow>
    for (const row of rows) this.#setDoc(row)
    const docs: number[] = []
    for (let d = 0; d < size; d++) if (this.exists[d]) docs.push(d)
    docs.sort(this.#newerFirst)
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

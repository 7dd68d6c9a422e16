/**
 * The filterable and facetable columns of every indexed record, held in memory as arrays
 * indexed by document number. A query's text match gives a list of documents; filters and
 * facet counts are then loops over these arrays instead of one SQL join per facet (seven
 * joins over tens of thousands of matches cost more than the text match itself).
 *
 * Backend-neutral: each store reads its rows and hands them here, whole (`replace`) or only
 * the documents changed since the columns' generation (`patch`).
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

/** One document's single-valued columns, as the stores read them. */
export type DocRow = [doc: number, visible: number | boolean, type: string, year: number | null, date: string, lang: string | null]
/** One value of a many-valued field of a document. */
export type FacetRow = [doc: number, field: string, key: string, value: string]

/** Up to this many changed documents (or this share of the archive) are patched, not reloaded. */
export const PATCH_AT_LEAST = 2000
const PATCH_SHARE = 0.05

export class SearchColumns {
  /** One past the largest document number. */
  size = 0
  /** The index generation (SQLite) or version (PostgreSQL) the columns reflect; -1 before a load. */
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

  /** The most changed documents worth patching in rather than reading everything again. */
  patchLimit(): number {
    return Math.max(PATCH_AT_LEAST, Math.floor(this.size * PATCH_SHARE))
  }

  #setDoc([doc, visible, type, year, date, lang]: DocRow) {
    this.exists[doc] = 1
    this.visible[doc] = visible ? 1 : 0
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

  /**
   * Applies the changed documents' rows (any order) and all their many-valued rows; documents
   * not named keep what they had.
   */
  patch(generation: number, rows: DocRow[], facetRows: Iterable<FacetRow>) {
    if (rows.length === 0) {
      this.generation = generation
      return
    }
    rows = [...rows].sort((a, b) => a[0] - b[0])
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
    for (const [doc, field, key, value] of facetRows) {
      const column = this.multi.get(field as MultiField)
      if (!column || !isChanged[doc]) continue
      let k = column.keyIndex.get(key)
      if (k === undefined) {
        column.keyIndex.set(key, (k = column.keys.length))
        column.keys.push(key)
        column.values.push(value)
      }
      const lists = fresh.get(field as MultiField)!
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

  /** Replaces everything with these rows. `size` is one past the largest document number. */
  replace(generation: number, size: number, rows: Iterable<DocRow>, facetRows: Iterable<FacetRow>) {
    this.loads++
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
    for (const row of rows) this.#setDoc(row)
    const docs: number[] = []
    for (let d = 0; d < size; d++) if (this.exists[d]) docs.push(d)
    docs.sort(this.#newerFirst)
    this.byDate = Int32Array.from(docs)

    // Many-valued fields in two passes over a compact copy: count per document, then place.
    const building = new Map<MultiField, { keys: string[]; values: string[]; keyIndex: Map<string, number>; counts: Int32Array; pairs: number[] }>()
    for (const field of MULTI_FIELDS) building.set(field, { keys: [], values: [], keyIndex: new Map(), counts: new Int32Array(size + 1), pairs: [] })
    for (const [doc, field, key, value] of facetRows) {
      const b = building.get(field as MultiField)
      if (!b || doc >= size) continue
      let k = b.keyIndex.get(key)
      if (k === undefined) {
        b.keyIndex.set(key, (k = b.keys.length))
        b.keys.push(key)
        b.values.push(value)
      }
      b.counts[doc + 1]!++
      b.pairs.push(doc, k)
    }
    this.multi = new Map()
    for (const [field, b] of building) {
      const start = new Int32Array(size + 1)
      for (let d = 0; d < size; d++) start[d + 1] = start[d]! + b.counts[d + 1]!
      const ids = new Int32Array(b.pairs.length / 2)
      const fill = start.slice(0, size)
      for (let i = 0; i < b.pairs.length; i += 2) ids[fill[b.pairs[i]!]!++] = b.pairs[i + 1]!
      this.multi.set(field, { keys: b.keys, values: b.values, keyIndex: b.keyIndex, start, ids })
    }
    this.generation = generation
  }
}

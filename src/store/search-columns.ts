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
  /** Documents patched since the CSR was built: their key ids here instead (see `patched`). */
  overlay: Map<number, number[]>
}

export const MULTI_FIELDS = ['author', 'author-word', 'outlet', 'topic', 'region', 'program', 'entity'] as const
export type MultiField = (typeof MULTI_FIELDS)[number]

/** One document's single-valued columns, as the stores read them. */
export type DocRow = [doc: number, visible: number | boolean, type: string, year: number | null, date: string, lang: string | null]
/** One value of a many-valued field of a document. */
export type FacetRow = [doc: number, field: string, key: string, value: string]
/** One value of a many-valued field, with every document holding it (a faster way to load). */
export type FacetGroup = [field: string, key: string, value: string, docs: ArrayLike<number>]

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
  multi = new Map<MultiField, MultiColumn>()
  /** 1 for a document whose many-valued keys are in the fields' overlays, not their CSR. */
  patched = new Uint8Array(0)
  /** Patched documents held in overlays before they are folded into the CSR arrays. */
  overlayLimit = -1

  /** Documents newest first (by date, then by document number); changed ones merged in when asked. */
  #byDate = new Int32Array(0)
  readonly #dateChanged = new Set<number>()
  /** Length of the per-document arrays (grown by doubling; `size` is what is in use). */
  #capacity = 0

  readonly #typeIds = new Map<string, number>()
  readonly #langIds = new Map<string, number>()

  /** The key ids of `doc` in a many-valued field. */
  keysOf(field: MultiField, doc: number): number[] {
    const c = this.multi.get(field)!
    if (this.patched[doc]) return c.overlay.get(doc) ?? []
    return Array.from(c.ids.subarray(c.start[doc]!, c.start[doc + 1]!))
  }

  /** Documents newest first (by date, then by document number), for date order. */
  dateOrder(): Int32Array {
    if (this.#dateChanged.size > 0) this.#mergeDates()
    return this.#byDate
  }

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

  /** Makes room for documents below `size`, doubling the arrays' length when they are full. */
  #resize(size: number) {
    if (size > this.#capacity) {
      const capacity = Math.max(size, this.#capacity * 2, 1024)
      const grow = <T extends Uint8Array | Uint16Array | Int16Array>(old: T, make: (n: number) => T): T => {
        const next = make(capacity)
        next.set(old)
        return next
      }
      this.exists = grow(this.exists, (n) => new Uint8Array(n))
      this.visible = grow(this.visible, (n) => new Uint8Array(n))
      this.type = grow(this.type, (n) => new Uint16Array(n))
      this.year = grow(this.year, (n) => new Int16Array(n))
      this.lang = grow(this.lang, (n) => new Uint16Array(n))
      this.patched = grow(this.patched, (n) => new Uint8Array(n))
      this.#capacity = capacity
    }
    for (let d = this.size; d < size; d++) this.date[d] = ''
    this.size = size
  }

  /**
   * Applies the changed documents' rows (any order) and all their many-valued rows; documents
   * not named keep what they had. Costs what changed, not the archive's size: the changed
   * documents' keys go to overlays (folded into the CSR arrays once they hold many), and the
   * date order is merged again only when asked for.
   */
  patch(generation: number, rows: DocRow[], facetRows: Iterable<FacetRow>) {
    if (rows.length === 0) {
      this.generation = generation
      return
    }
    let last = -1
    for (const r of rows) if (r[0] > last) last = r[0]
    if (last >= this.size) this.#resize(last + 1)
    const isChanged = new Set<number>()
    for (const row of rows) {
      this.#setDoc(row)
      isChanged.add(row[0])
      this.#dateChanged.add(row[0])
    }
    for (const field of MULTI_FIELDS) {
      const overlay = this.multi.get(field)!.overlay
      for (const d of isChanged) overlay.set(d, [])
    }
    for (const [doc, field, key, value] of facetRows) {
      const column = this.multi.get(field as MultiField)
      if (!column || !isChanged.has(doc)) continue
      let k = column.keyIndex.get(key)
      if (k === undefined) {
        column.keyIndex.set(key, (k = column.keys.length))
        column.keys.push(key)
        column.values.push(value)
      }
      column.overlay.get(doc)!.push(k)
    }
    for (const d of isChanged) this.patched[d] = 1
    const limit = this.overlayLimit >= 0 ? this.overlayLimit : Math.max(1000, this.size >> 6)
    if (this.multi.get('author')!.overlay.size > limit) this.#foldOverlays()
    this.generation = generation
  }

  /** The overlays written into fresh CSR arrays, in one pass per field. */
  #foldOverlays() {
    for (const field of MULTI_FIELDS) {
      const column = this.multi.get(field)!
      const start = new Int32Array(this.size + 1)
      let total = 0
      for (let d = 0; d < this.size; d++) {
        total += this.patched[d] ? column.overlay.get(d)!.length : d + 1 < column.start.length ? column.start[d + 1]! - column.start[d]! : 0
        start[d + 1] = total
      }
      const ids = new Int32Array(total)
      for (let d = 0; d < this.size; d++) {
        if (this.patched[d]) ids.set(column.overlay.get(d)!, start[d]!)
        else if (start[d + 1]! > start[d]!) ids.set(column.ids.subarray(column.start[d]!, column.start[d + 1]!), start[d]!)
      }
      column.start = start
      column.ids = ids
      column.overlay.clear()
    }
    this.patched.fill(0)
  }

  /** The changed documents leave their places in date order and are merged back in. */
  #mergeDates() {
    const changed = [...this.#dateChanged]
    this.#dateChanged.clear()
    const isChanged = new Uint8Array(this.size)
    for (const d of changed) isChanged[d] = 1
    const sortedChanged = changed.filter((d) => this.exists[d]).sort(this.#newerFirst)
    const byDate = new Int32Array(this.#byDate.length + sortedChanged.length)
    let n = 0
    let c = 0
    for (const d of this.#byDate) {
      if (isChanged[d]) continue
      while (c < sortedChanged.length && this.#newerFirst(sortedChanged[c]!, d) < 0) byDate[n++] = sortedChanged[c++]!
      byDate[n++] = d
    }
    while (c < sortedChanged.length) byDate[n++] = sortedChanged[c++]!
    this.#byDate = byDate.slice(0, n)
  }

  /** Replaces everything with these rows. `size` is one past the largest document number. */
  replace(generation: number, size: number, rows: Iterable<DocRow>, facets: Iterable<FacetRow> | { grouped: Iterable<FacetGroup> }) {
    this.loads++
    this.size = size
    this.#capacity = size
    this.patched = new Uint8Array(size)
    this.#dateChanged.clear()
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
    this.#byDate = Int32Array.from(docs)

    // Many-valued fields in two passes over a compact copy: count per document, then place.
    const building = new Map<MultiField, { keys: string[]; values: string[]; keyIndex: Map<string, number>; counts: Int32Array; pairs: number[] }>()
    for (const field of MULTI_FIELDS) building.set(field, { keys: [], values: [], keyIndex: new Map(), counts: new Int32Array(size + 1), pairs: [] })
    // Rows one at a time (PostgreSQL) are groups of one document.
    const groups: Iterable<FacetGroup> = 'grouped' in facets ? facets.grouped : (function* () {
      for (const [doc, field, key, value] of facets) yield [field, key, value, [doc]] as FacetGroup
    })()
    for (const [field, key, value, docs] of groups) {
      const b = building.get(field as MultiField)
      if (!b) continue
      let k = b.keyIndex.get(key)
      if (k === undefined) {
        b.keyIndex.set(key, (k = b.keys.length))
        b.keys.push(key)
        b.values.push(value)
      }
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!
        if (doc >= size) continue
        b.counts[doc + 1]!++
        b.pairs.push(doc, k)
      }
    }
    this.multi = new Map()
    for (const [field, b] of building) {
      const start = new Int32Array(size + 1)
      for (let d = 0; d < size; d++) start[d + 1] = start[d]! + b.counts[d + 1]!
      const ids = new Int32Array(b.pairs.length / 2)
      const fill = start.slice(0, size)
      for (let i = 0; i < b.pairs.length; i += 2) ids[fill[b.pairs[i]!]!++] = b.pairs[i + 1]!
      this.multi.set(field, { keys: b.keys, values: b.values, keyIndex: b.keyIndex, start, ids, overlay: new Map() })
    }
    this.generation = generation
  }
}

import type { FieldFilter, QueryFilter, RangeFilter, SearchQuery } from '../search/index.js'
import { foldKey } from './indexed-fields.js'
import type { SearchColumns, MultiField } from './search-columns.js'
import { FACET_FIELDS, type FacetCount, type FacetField, type SearchRequest } from './store.js'

/**
 * Search over the in-memory columns, the same for every backend: the engine finds the
 * documents whose text matches; filters, totals, facet counts and date order are worked out
 * here from the columns.
 */

const FACET_LIMIT = 20

export interface Filter {
  field: QueryFilter['field']
  /** This filter's bit in a document's mask of failed filters. */
  bit: number
  test: (doc: number) => boolean
  /**
   * For a filter on a coded column (type, year, language): the column and the table of codes
   * that pass, so a pass over every document can be a plain loop (see filterMasks).
   */
  coded?: { column: ArrayLike<number>; passes: Uint8Array; negativePass?: boolean }
}

/**
 * The query's filters as tests on the in-memory columns. The parser gives one entry per field
 * and polarity, its values being alternatives; every entry must hold.
 */
export function compileFilters(q: SearchQuery, cols: SearchColumns): Filter[] {
  return q.filters.map((f, i) => {
    let test: (doc: number) => boolean
    let coded: Filter['coded']
    if (f.field === 'year') {
      // A table of the years that pass, looked up per document (0, no year, never passes).
      const ranges = (f as RangeFilter).ranges.map((r) => [r.from ? Number(r.from) : -Infinity, r.to ? Number(r.to) : Infinity] as const)
      const passes = new Uint8Array(1 << 15)
      for (let y = 1; y < passes.length; y++) if (ranges.some(([lo, hi]) => y >= lo && y <= hi)) passes[y] = 1
      test = (doc) => {
        const y = cols.year[doc]!
        return y > 0 && passes[y] === 1
      }
      coded = { column: cols.year, passes }
    } else if (f.field === 'date') {
      // Dates are ISO prefixes at the record's precision ('2023-03'); range ends are whole
      // days, so the lower end is compared at the record's own precision.
      const ranges = (f as RangeFilter).ranges
      test = (doc) => {
        const d = cols.date[doc]!
        return d !== '' && ranges.some((r) => (!r.from || d >= r.from.slice(0, d.length)) && (!r.to || d <= r.to))
      }
    } else if (f.field === 'type') {
      const passes = codeTable(cols.typeNames.length, (f as FieldFilter).values.map((v) => cols.typeNames.indexOf(v)))
      test = (doc) => passes[cols.type[doc]!] === 1
      coded = { column: cols.type, passes }
    } else if (f.field === 'lang') {
      const passes = codeTable(cols.langNames.length, (f as FieldFilter).values.map((v) => cols.langNames.indexOf(v.toLowerCase().split('-')[0]!)))
      test = (doc) => passes[cols.lang[doc]!] === 1
      coded = { column: cols.lang, passes }
    } else {
      // A one-word author filter matches any word of a name: author:kishida.
      const wanted = new Map<MultiField, Set<number>>()
      for (const v of (f as FieldFilter).values) {
        const key = foldKey(v)
        const field: MultiField = f.field === 'author' && !key.includes(' ') ? 'author-word' : (f.field as MultiField)
        const column = cols.multi.get(field)!
        const id = column.keyIndex.get(key)
        if (id === undefined) continue
        const set = wanted.get(field) ?? new Set<number>()
        set.add(id)
        wanted.set(field, set)
      }
      test = (doc) => {
        for (const [field, ids] of wanted) {
          const c = cols.multi.get(field)!
          if (cols.patched[doc]) {
            for (const k of c.overlay.get(doc)!) if (ids.has(k)) return true
          } else for (let j = c.start[doc]!; j < c.start[doc + 1]!; j++) if (ids.has(c.ids[j]!)) return true
        }
        return false
      }
    }
    const positive = test
    const bit = 1 << i
    if (!coded) return { field: f.field, bit, test: f.negated ? (doc: number) => !positive(doc) : positive }
    // A negated filter passes exactly where the test does not, codes below 0 (no such year) included.
    const passes = f.negated ? coded.passes.map((p) => 1 - p) : coded.passes
    return { field: f.field, bit, test: f.negated ? (doc: number) => !positive(doc) : positive, coded: { column: coded.column, passes, negativePass: f.negated } }
  })
}

/** 1 at each of the given codes (-1, an unknown name, is left out), for lookups per document. */
function codeTable(size: number, codes: number[]): Uint8Array {
  const table = new Uint8Array(size + 1)
  for (const c of codes) if (c >= 0) table[c] = 1
  return table
}

/**
 * Counts facet values over the matches. A field's own filters do not narrow its counts
 * (disjunctive faceting): a document counts for field F when it fails no filter but F's.
 */
export class FacetCounter {
  readonly #cols: SearchColumns
  readonly #allowed: Record<FacetField, number>
  readonly #types: Int32Array
  readonly #years = new Int32Array(10_000)
  readonly #multi: { field: FacetField; allowed: number; counts: Int32Array; start: Int32Array; ids: Int32Array; overlay: Map<number, number[]> }[] = []

  constructor(cols: SearchColumns, filters: Filter[]) {
    this.#cols = cols
    this.#allowed = {} as Record<FacetField, number>
    for (const field of FACET_FIELDS) this.#allowed[field] = ~filters.filter((f) => f.field === field).reduce((m, f) => m | f.bit, 0)
    this.#types = new Int32Array(cols.typeNames.length)
    for (const field of ['author', 'outlet', 'topic', 'region', 'program', 'entity'] as const) {
      const c = cols.multi.get(field)!
      this.#multi.push({ field, allowed: this.#allowed[field], counts: new Int32Array(c.keys.length), start: c.start, ids: c.ids, overlay: c.overlay })
    }
  }

  /** Hot: called once per matching record, so plain array work only. */
  add(doc: number, failed: number) {
    if ((failed & this.#allowed.type) === 0) this.#types[this.#cols.type[doc]!]!++
    if ((failed & this.#allowed.year) === 0) this.#years[this.#cols.year[doc]!]!++
    const patched = this.#cols.patched[doc] === 1
    for (const m of this.#multi) {
      if ((failed & m.allowed) !== 0) continue
      if (patched) {
        for (const k of m.overlay.get(doc)!) m.counts[k]!++
        continue
      }
      const end = m.start[doc + 1]!
      for (let j = m.start[doc]!; j < end; j++) m.counts[m.ids[j]!]!++
    }
  }

  result(): Record<FacetField, FacetCount[]> {
    const top = (entries: FacetCount[]) =>
      entries
        .filter((e) => e.count > 0)
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, FACET_LIMIT)
    const out = {} as Record<FacetField, FacetCount[]>
    out.type = top(this.#cols.typeNames.map((value, i) => ({ value, count: this.#types[i]! })))
    const years: FacetCount[] = []
    for (let y = 1; y < this.#years.length; y++) if (this.#years[y]) years.push({ value: String(y), count: this.#years[y]! })
    out.year = top(years)
    for (const m of this.#multi) {
      const values = this.#cols.multi.get(m.field as MultiField)!.values
      out[m.field] = top(Array.from(m.counts, (count, i) => ({ value: values[i]!, count })))
    }
    return out
  }
}

/** A page in date order (newest first, then by document number), after a cursor or an offset. */
export function datePage(cols: SearchColumns, passing: Uint8Array, skip: number, limit: number, after?: (string | number)[]) {
  const out: { doc: number; score: number }[] = []
  let skipped = 0
  const [d, n] = (after ?? []) as [string | undefined, number | undefined]
  for (const doc of cols.dateOrder()) {
    if (!passing[doc]) continue
    if (d !== undefined && n !== undefined) {
      const date = cols.date[doc]!
      if (!(date < d || (date === d && doc < n))) continue
    }
    if (skipped < skip) {
      skipped++
      continue
    }
    out.push({ doc, score: 0 })
    if (out.length >= limit) break
  }
  return out
}

/** In a document's filter mask: not shown at all (absent, or hidden from the public). */
const UNSHOWN = 0x80

/**
 * Every document's failed filters as bits (UNSHOWN for one that may not be shown), worked out
 * a filter at a time over the whole columns rather than filter by filter per match: with many
 * matches it is the cheaper way, and it gives the documents the filters let through before any
 * text is read. Undefined for more filters than the bits hold.
 */
export function filterMasks(cols: SearchColumns, request: Pick<SearchRequest, 'query' | 'includeUnpublished'>): Uint8Array | undefined {
  const filters = compileFilters(request.query, cols)
  if (filters.length > 7) return undefined
  const size = cols.size
  const masks = new Uint8Array(size)
  const { exists, visible } = cols
  const unpublished = request.includeUnpublished ?? false
  for (let doc = 0; doc < size; doc++) if (!exists[doc] || (!unpublished && !visible[doc])) masks[doc] = UNSHOWN
  for (const f of filters) {
    if (f.coded) markFailures(masks, f.coded.column, f.coded.passes, f.coded.negativePass ?? false, f.bit)
    else for (let doc = 0; doc < size; doc++) if (!f.test(doc)) masks[doc]! |= f.bit
  }
  return masks
}

/**
 * Sets `bit` for each document whose code the table does not pass (codes below 0: as told). The
 * bit to set is looked up per code and or-ed in without a branch: most documents fail a selective
 * filter, and at a million records this pass took 7 ms with a test per document, 3 ms so.
 */
function markFailures(masks: Uint8Array, column: ArrayLike<number>, passes: Uint8Array, negativePass: boolean, bit: number) {
  const fails = new Uint8Array(passes.length)
  for (let code = 0; code < passes.length; code++) fails[code] = passes[code] === 1 ? 0 : bit
  const negativeFails = negativePass ? 0 : bit
  const n = masks.length
  for (let doc = 0; doc < n; doc++) {
    const code = column[doc]!
    masks[doc] = masks[doc]! | (code < 0 ? negativeFails : fails[code]!)
  }
}

/** The documents whose mask is clear: shown, and let through by every filter. */
export function shownDocs(masks: Uint8Array): Int32Array {
  const out = new Int32Array(masks.length)
  let n = 0
  for (let doc = 0; doc < masks.length; doc++) if (masks[doc] === 0) out[n++] = doc
  return out.slice(0, n)
}

/**
 * Which sets of failed filters still leave a document counted in some facet: none failed, or
 * only filters of one field (that field's counts ignore them). A document failing filters of
 * two fields counts nowhere and is skipped; with a selective filter on two fields that is most
 * of the matches. Undefined (count every document) for more filters than a table is kept for.
 */
function countedFailures(filters: Filter[]): Uint8Array | undefined {
  if (filters.length > 12) return undefined
  const fieldBits = new Map<string, number>()
  for (const f of filters) fieldBits.set(f.field, (fieldBits.get(f.field) ?? 0) | f.bit)
  const counted = new Uint8Array(1 << filters.length)
  counted[0] = 1
  for (let failed = 1; failed < counted.length; failed++) {
    for (const bits of fieldBits.values()) if ((failed & ~bits) === 0) counted[failed] = 1
  }
  return counted
}

/** What the filters let through of the text matches, counted, with the facets when asked. */
export interface Scan {
  /** passing[doc] is 1 for each document the page may show. */
  passing: Uint8Array
  total: number
  /** How many text matches there were (all documents when the query has no text). */
  matched: number
  facets?: Record<FacetField, FacetCount[]>
}

/**
 * One pass over the text matches (or every document when there is no text condition): hidden
 * and excluded documents dropped, filters applied, facets counted. Documents the columns do not
 * know yet (written after they were read) are skipped.
 */
export function scanMatches(
  cols: SearchColumns,
  request: Pick<SearchRequest, 'query' | 'facets' | 'includeUnpublished'>,
  candidates: ArrayLike<number> | undefined,
  excluded?: Set<number>,
  masks?: Uint8Array,
): Scan {
  const filters = compileFilters(request.query, cols)
  const unpublished = request.includeUnpublished ?? false
  const passing = new Uint8Array(cols.size)
  let total = 0
  const counter = request.facets ? new FacetCounter(cols, filters) : undefined
  const counted = counter && countedFailures(filters)
  const visit = (doc: number) => {
    let failed = 0
    if (masks) {
      // Documents added since the masks were made are not known to them: skipped, as the
      // columns would skip them.
      failed = doc < masks.length ? masks[doc]! : UNSHOWN
      if (failed & UNSHOWN || excluded?.has(doc)) return
    } else {
      if (!cols.exists[doc] || (!unpublished && !cols.visible[doc]) || excluded?.has(doc)) return
      for (const f of filters) if (!f.test(doc)) failed |= f.bit
    }
    if (failed === 0) {
      passing[doc] = 1
      total++
    }
    if (counted && !counted[failed]) return
    counter?.add(doc, failed)
  }
  if (candidates) {
    for (let i = 0; i < candidates.length; i++) {
      const doc = candidates[i]!
      if (doc < cols.size) visit(doc)
    }
  } else for (let doc = 0; doc < cols.size; doc++) visit(doc)
  return { passing, total, matched: candidates ? candidates.length : cols.size, ...(counter ? { facets: counter.result() } : {}) }
}

import type Database from 'better-sqlite3'
import type { Publication } from '../../model/index.js'
import { hasCjk, queryWordTokens, textExpressions, type FieldFilter, type QueryFilter, type RangeFilter, type SearchQuery, type TextTerm } from '../../search/index.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import { FACET_FIELDS, type FacetCount, type FacetField, type SearchRepo, type SearchRequest, type SearchResult } from '../store.js'
import { foldKey } from '../indexed-fields.js'
import { toPublication, type PublicationRow } from './sqlite-publications.js'
import { SearchColumns, type MultiField } from './search-columns.js'

type Gate = <T>(f: () => T) => Promise<T>

// BM25 weights per column of search_text: a title hit outranks a summary hit, which outranks
// an author or outlet hit, which outranks a body hit.
const WEIGHTS = { title: 10, summary: 4, people: 3, body: 1 }
const SCORE = `bm25(search_text, ${WEIGHTS.title}, ${WEIGHTS.summary}, ${WEIGHTS.people}, ${WEIGHTS.body})`
const FACET_LIMIT = 20

/** A quoted FTS5 string: any character is literal inside, a quote is doubled. */
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`


function ftsTerm(t: TextTerm): string | undefined {
  if (t.kind === 'phrase') {
    const words = t.words.map(queryWordTokens).filter(Boolean)
    return words.length ? quote(words.join(' ')) : undefined
  }
  const tokens = queryWordTokens(t.text)
  if (!tokens) return undefined
  // A single CJK character is the start of the pairs that hold it.
  const lone = hasCjk(t.text) && [...t.text].length === 1
  return quote(tokens) + (t.prefix || lone ? ' *' : '')
}

/** The FTS5 expressions for what must match and what must not; undefined when there is none. */
export function ftsExpressions(q: SearchQuery): { must?: string; not?: string } {
  return textExpressions(q, ftsTerm, { and: ' AND ', or: ' OR ' })
}

interface Filter {
  field: QueryFilter['field']
  /** This filter's bit in a document's mask of failed filters. */
  bit: number
  test: (doc: number) => boolean
}

/**
 * The query's filters as tests on the in-memory columns. The parser gives one entry per field
 * and polarity, its values being alternatives; every entry must hold.
 */
function compileFilters(q: SearchQuery, cols: SearchColumns): Filter[] {
  return q.filters.map((f, i) => {
    let test: (doc: number) => boolean
    if (f.field === 'year') {
      const ranges = (f as RangeFilter).ranges.map((r) => [r.from ? Number(r.from) : -Infinity, r.to ? Number(r.to) : Infinity] as const)
      test = (doc) => {
        const y = cols.year[doc]!
        return y !== 0 && ranges.some(([lo, hi]) => y >= lo && y <= hi)
      }
    } else if (f.field === 'date') {
      // Dates are ISO prefixes at the record's precision ('2023-03'); range ends are whole
      // days, so the lower end is compared at the record's own precision.
      const ranges = (f as RangeFilter).ranges
      test = (doc) => {
        const d = cols.date[doc]!
        return d !== '' && ranges.some((r) => (!r.from || d >= r.from.slice(0, d.length)) && (!r.to || d <= r.to))
      }
    } else if (f.field === 'type') {
      const codes = new Set((f as FieldFilter).values.map((v) => cols.typeNames.indexOf(v)))
      test = (doc) => codes.has(cols.type[doc]!)
    } else if (f.field === 'lang') {
      const codes = new Set((f as FieldFilter).values.map((v) => cols.langNames.indexOf(v.toLowerCase().split('-')[0]!)))
      test = (doc) => codes.has(cols.lang[doc]!)
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
          for (let j = c.start[doc]!; j < c.start[doc + 1]!; j++) if (ids.has(c.ids[j]!)) return true
        }
        return false
      }
    }
    const positive = test
    return { field: f.field, bit: 1 << i, test: f.negated ? (doc: number) => !positive(doc) : positive }
  })
}

/**
 * Counts facet values over the matches. A field's own filters do not narrow its counts
 * (disjunctive faceting): a document counts for field F when it fails no filter but F's.
 */
class FacetCounter {
  readonly #cols: SearchColumns
  readonly #allowed: Record<FacetField, number>
  readonly #types: Int32Array
  readonly #years = new Int32Array(10_000)
  readonly #multi: { field: FacetField; allowed: number; counts: Int32Array; start: Int32Array; ids: Int32Array }[] = []

  constructor(cols: SearchColumns, filters: Filter[]) {
    this.#cols = cols
    this.#allowed = {} as Record<FacetField, number>
    for (const field of FACET_FIELDS) this.#allowed[field] = ~filters.filter((f) => f.field === field).reduce((m, f) => m | f.bit, 0)
    this.#types = new Int32Array(cols.typeNames.length)
    for (const field of ['author', 'outlet', 'topic', 'region', 'program', 'entity'] as const) {
      const c = cols.multi.get(field)!
      this.#multi.push({ field, allowed: this.#allowed[field], counts: new Int32Array(c.keys.length), start: c.start, ids: c.ids })
    }
  }

  /** Hot: called once per matching record, so plain array work only. */
  add(doc: number, failed: number) {
    if ((failed & this.#allowed.type) === 0) this.#types[this.#cols.type[doc]!]!++
    if ((failed & this.#allowed.year) === 0) this.#years[this.#cols.year[doc]!]!++
    for (const m of this.#multi) {
      if ((failed & m.allowed) !== 0) continue
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
function datePage(cols: SearchColumns, passing: Uint8Array, skip: number, limit: number, after?: (string | number)[]) {
  const out: { doc: number; score: number }[] = []
  let skipped = 0
  const [d, n] = (after ?? []) as [string | undefined, number | undefined]
  for (const doc of cols.byDate) {
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

export class SqliteSearch implements SearchRepo {
  readonly #db: Database.Database
  readonly #gate: Gate
  readonly #columns = new SearchColumns()
  readonly #statements = new Map<string, Database.Statement>()

  constructor(db: Database.Database, gate: Gate) {
    this.#db = db
    this.#gate = gate
  }

  search(request: SearchRequest): Promise<SearchResult> {
    return this.#gate(() => this.#search(request))
  }

  /** A prepared statement, prepared once: every query runs the same few. */
  #statement(sql: string): Database.Statement {
    let s = this.#statements.get(sql)
    if (!s) this.#statements.set(sql, (s = this.#db.prepare(sql)))
    return s
  }

  vocabulary(word: string): Promise<{ term: string; docs: number }[]> {
    return this.#gate(() => {
      const w = foldKey(word)
      if (!w) return []
      const first = String.fromCodePoint(w.codePointAt(0)!)
      const next = String.fromCodePoint(w.codePointAt(0)! + 1)
      return this.#db
        .prepare<[string, string, number, number], { term: string; docs: number }>(
          'SELECT term, doc AS docs FROM search_vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?',
        )
        .all(first, next, Math.max(1, w.length - 2), w.length + 2)
    })
  }

  version(): Promise<number> {
    return this.#gate(() => (this.#statement('SELECT generation FROM search_state WHERE id = 1').get() as { generation: number }).generation)
  }

  hasWord(word: string): Promise<boolean> {
    return this.#gate(() => {
      const term = ftsTerm({ kind: 'word', text: word, prefix: false })
      return Boolean(term && this.#statement('SELECT 1 FROM search_text WHERE search_text MATCH ? LIMIT 1').get(term))
    })
  }

  #matching(expression: string): Int32Array {
    return Int32Array.from(this.#statement('SELECT rowid FROM search_text WHERE search_text MATCH ?').pluck().all(expression) as number[])
  }

  #search(request: SearchRequest): SearchResult {
    const cols = this.#columns.refresh(this.#db)
    const { must, not } = ftsExpressions(request.query)
    const match = must && (not ? `(${must}) NOT (${not})` : must)
    const filters = compileFilters(request.query, cols)
    const unpublished = request.includeUnpublished ?? false

    // 1. The text match (or every record), 2. the filters, as one pass that also counts facets.
    const candidates = match ? this.#matching(match) : undefined
    const excluded = !match && not ? new Set(this.#matching(not)) : undefined
    const passing = new Uint8Array(cols.size)
    let total = 0
    const counter = request.facets ? new FacetCounter(cols, filters) : undefined
    const visit = (doc: number) => {
      if (!cols.exists[doc] || (!unpublished && !cols.visible[doc]) || excluded?.has(doc)) return
      let failed = 0
      for (const f of filters) if (!f.test(doc)) failed |= f.bit
      if (failed === 0) {
        passing[doc] = 1
        total++
      }
      counter?.add(doc, failed)
    }
    if (candidates) for (const doc of candidates) visit(doc)
    else for (let doc = 0; doc < cols.size; doc++) visit(doc)

    // 3. The page.
    const byRelevance = Boolean(match) && request.sort === 'relevance'
    const skip = request.cursor ? 0 : (request.offset ?? 0)
    const after = request.cursor ? decodeCursor(request.cursor) : undefined
    const page: { doc: number; score: number }[] = byRelevance
      ? this.#rankedPage(match!, passing, cols, skip, request.limit, candidates?.length ? total / candidates.length : 1, after)
      : datePage(cols, passing, skip, request.limit, after)

    const records = this.#records(page.map((p) => p.doc))
    const result: SearchResult = {
      total,
      hits: page.flatMap((p) => {
        const publication = records.get(p.doc)
        // BM25 in FTS5 is negative, lower being better; readers get higher-is-better.
        return publication ? [{ publication, score: -p.score }] : []
      }),
    }
    const last = page[page.length - 1]
    if (last && page.length === request.limit && (request.cursor || skip + page.length < total)) {
      result.nextCursor = encodeCursor(byRelevance ? [last.score, cols.date[last.doc]!, last.doc] : [cols.date[last.doc]!, last.doc])
    }
    if (counter) result.facets = counter.result()
    return result
  }

  /**
   * A page in relevance order. FTS5 keeps only the best N while it scores the matches (ORDER
   * BY … LIMIT N), so N starts at what the page needs, widened by how many matches the filters
   * let through, and grows fourfold until the page is full and no tie is cut; equal scores are
   * put newest first.
   */
  #rankedPage(match: string, passing: Uint8Array, cols: SearchColumns, skip: number, limit: number, selectivity: number, after?: (string | number)[]) {
    const statement = this.#statement(`SELECT rowid, ${SCORE} AS score FROM search_text WHERE search_text MATCH ? ORDER BY score LIMIT ?`).raw()
    const isAfter = (doc: number, score: number) => {
      if (!after) return true
      const [s, d, n] = after as [number, string, number]
      const date = cols.date[doc]!
      return score > s || (score === s && (date < d || (date === d && doc > n)))
    }
    const need = skip + limit
    let n = Math.ceil(need / Math.max(selectivity, 0.01)) + 32
    for (;;) {
      const rows = statement.all(match, n) as [number, number][]
      const taken: { doc: number; score: number }[] = []
      for (const [doc, score] of rows) if (passing[doc] && isAfter(doc, score)) taken.push({ doc, score })
      const exhausted = rows.length < n
      // Full, and the last row read scores worse than the page's last: no tie is cut off.
      const settled = taken.length >= need && rows[rows.length - 1]![1] !== taken[need - 1]!.score
      if (exhausted || settled) {
        taken.sort((a, b) => a.score - b.score || (cols.date[a.doc]! < cols.date[b.doc]! ? 1 : cols.date[a.doc]! > cols.date[b.doc]! ? -1 : a.doc - b.doc))
        return taken.slice(skip, skip + limit)
      }
      n *= 4
    }
  }

  /** The page's records by document number, in one query. */
  #records(docs: number[]): Map<number, Publication> {
    if (!docs.length) return new Map()
    const rows = this.#db
      .prepare(
        `SELECT d.doc, p.id, p.slug, p.fields, p.created_at, p.updated_at, p.revision, p.published
         FROM search_docs d JOIN publications p ON p.id = d.id WHERE d.doc IN (${docs.map(() => '?').join(', ')})`,
      )
      .all(...docs) as (PublicationRow & { doc: number })[]
    return new Map(rows.map((r) => [r.doc, toPublication(r)]))
  }
}

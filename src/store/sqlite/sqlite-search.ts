import type Database from 'better-sqlite3'
import type { Publication } from '../../model/index.js'
import { cjkBigrams, hasCjk, type FieldFilter, type SearchQuery, type TextTerm } from '../../search/index.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import { FACET_FIELDS, type FacetCount, type FacetField, type SearchRepo, type SearchRequest, type SearchResult } from '../store.js'
import { foldKey } from './sqlite-search-index.js'
import { toPublication, type PublicationRow } from './sqlite-publications.js'

type Gate = <T>(f: () => T) => Promise<T>

// BM25 weights per column of search_text: a title hit outranks a summary hit, which outranks
// an author or outlet hit, which outranks a body hit.
const WEIGHTS = { title: 10, summary: 4, people: 3, body: 1 }
const SCORE = `bm25(search_text, ${WEIGHTS.title}, ${WEIGHTS.summary}, ${WEIGHTS.people}, ${WEIGHTS.body})`
const FACET_LIMIT = 20

/** A quoted FTS5 string: any character is literal inside, a quote is doubled. */
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`

/** Index tokens of one query word: CJK words become the phrase of their character pairs. */
function wordTokens(word: string): string {
  if (!hasCjk(word)) return word
  return word
    .split(/(?=[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\p{Script=Hangul}])|(?<=[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\p{Script=Hangul}])/u)
    .flatMap((part) => (hasCjk(part) ? cjkBigrams(part) : [part]))
    .join(' ')
}

function ftsTerm(t: TextTerm): string | undefined {
  if (t.kind === 'phrase') {
    const words = t.words.map(wordTokens).filter(Boolean)
    return words.length ? quote(words.join(' ')) : undefined
  }
  const tokens = wordTokens(t.text)
  if (!tokens) return undefined
  // A single CJK character is the start of the pairs that hold it.
  const lone = hasCjk(t.text) && [...t.text].length === 1
  return quote(tokens) + (t.prefix || lone ? ' *' : '')
}

/** The FTS5 expressions for what must match and what must not; undefined when there is none. */
export function ftsExpressions(q: SearchQuery): { must?: string; not?: string } {
  const groups = q.must
    .map((group) => group.map(ftsTerm).filter((x): x is string => Boolean(x)))
    .filter((g) => g.length > 0)
    .map((g) => (g.length > 1 ? `(${g.join(' OR ')})` : g[0]!))
  const nots = q.not.map(ftsTerm).filter((x): x is string => Boolean(x))
  return { must: groups.length ? groups.join(' AND ') : undefined, not: nots.length ? nots.join(' OR ') : undefined }
}

/** The tables and conditions one search reads from, with their parameters. */
interface Source {
  tables: string
  where: string
  params: Record<string, unknown>
}

interface Where {
  sql: string[]
  params: Record<string, unknown>
}

/** SQL conditions on `d` (search_docs) for the filters, leaving out those on `except`. */
function filterSql(q: SearchQuery, except: FacetField | undefined, includeUnpublished: boolean): Where {
  const where: Where = { sql: includeUnpublished ? [] : ['d.visible = 1'], params: {} }
  let n = 0
  const param = (v: unknown) => {
    const name = `p${n++}`
    where.params[name] = v
    return `@${name}`
  }
  for (const f of q.filters) {
    if (f.field === except) continue
    let cond: string
    if (f.field === 'year' || f.field === 'date') {
      // Dates are ISO prefixes at the record's precision; range ends are whole days.
      const column = f.field === 'year' ? 'd.year' : 'd.date'
      const ranges = f.ranges.map((r) => {
        const parts: string[] = f.field === 'date' ? ["d.date <> ''"] : ['d.year IS NOT NULL']
        // A record dated to a month or a year ('2023-01') is compared at its own precision.
        if (r.from) parts.push(f.field === 'year' ? `d.year >= ${param(Number(r.from))}` : `d.date >= substr(${param(r.from)}, 1, length(d.date))`)
        if (r.to) parts.push(`${column} <= ${param(f.field === 'year' ? Number(r.to) : r.to)}`)
        return `(${parts.join(' AND ')})`
      })
      cond = ranges.join(' OR ')
    } else if (f.field === 'type') {
      cond = `d.type IN (${f.values.map(param).join(', ')})`
    } else if (f.field === 'lang') {
      cond = `d.lang IN (${f.values.map((v) => param(v.toLowerCase().split('-')[0])).join(', ')})`
    } else {
      const alternatives = (f as FieldFilter).values.map((v) => {
        const key = foldKey(v)
        // A one-word author filter matches any word of a name: author:kishida.
        const field = f.field === 'author' && !key.includes(' ') ? 'author-word' : f.field
        return `EXISTS (SELECT 1 FROM search_facets f WHERE f.field = ${param(field)} AND f.key = ${param(key)} AND f.doc = d.doc)`
      })
      cond = alternatives.join(' OR ')
    }
    // The parser merges repeated filters on a field (and polarity) into one entry whose values
    // are alternatives; entries themselves are all required.
    where.sql.push(f.negated ? `NOT (${cond})` : `(${cond})`)
  }
  return where
}

export class SqliteSearch implements SearchRepo {
  readonly #db: Database.Database
  readonly #gate: Gate

  constructor(db: Database.Database, gate: Gate) {
    this.#db = db
    this.#gate = gate
  }

  search(request: SearchRequest): Promise<SearchResult> {
    return this.#gate(() => this.#search(request))
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

  #search(request: SearchRequest): SearchResult {
    const { must, not } = ftsExpressions(request.query)
    const unpublished = request.includeUnpublished ?? false
    // What every count and page shares: the text match (if any) joined to the filterable columns.
    const from = (except?: FacetField): Source => {
      const w = filterSql(request.query, except, unpublished)
      const conds: string[] = []
      let tables: string
      if (must) {
        tables = 'search_text JOIN search_docs d ON d.doc = search_text.rowid'
        conds.push('search_text MATCH @match')
        w.params.match = not ? `(${must}) NOT (${not})` : must
      } else {
        tables = 'search_docs d'
        if (not) {
          conds.push('d.doc NOT IN (SELECT rowid FROM search_text WHERE search_text MATCH @not)')
          w.params.not = not
        }
      }
      conds.push(...w.sql)
      return { tables, where: conds.length ? conds.join(' AND ') : '1', params: w.params }
    }

    const base = from()
    const total = (this.#db.prepare(`SELECT count(*) AS n FROM ${base.tables} WHERE ${base.where}`).get(base.params) as { n: number }).n

    const byRelevance = Boolean(must) && request.sort === 'relevance'
    const score = byRelevance ? SCORE : '0'
    let page = `FROM ${base.tables} WHERE ${base.where}`
    const params: Record<string, unknown> = { ...base.params, limit: request.limit, offset: request.cursor ? 0 : (request.offset ?? 0) }
    if (request.cursor) {
      const c = decodeCursor(request.cursor)
      if (byRelevance) {
        page += ` AND (${SCORE} > @c_score OR (${SCORE} = @c_score AND (d.date < @c_date OR (d.date = @c_date AND d.doc > @c_doc))))`
        Object.assign(params, { c_score: c[0], c_date: c[1], c_doc: c[2] })
      } else {
        page += ' AND (d.date < @c_date OR (d.date = @c_date AND d.doc < @c_doc))'
        Object.assign(params, { c_date: c[0], c_doc: c[1] })
      }
    }
    const order = byRelevance ? 'score, d.date DESC, d.doc' : 'd.date DESC, d.doc DESC'
    const rows = this.#db
      .prepare(`SELECT d.doc, d.id, d.date, ${score} AS score ${page} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all(params) as { doc: number; id: string; date: string; score: number }[]

    const records = this.#records(rows.map((r) => r.id))
    const result: SearchResult = {
      total,
      hits: rows.flatMap((r) => {
        const publication = records.get(r.id)
        // BM25 in FTS5 is negative, lower being better; readers get higher-is-better.
        return publication ? [{ publication, score: -r.score }] : []
      }),
    }
    const last = rows[rows.length - 1]
    const skipped = request.cursor ? 0 : (request.offset ?? 0)
    if (last && rows.length === request.limit && (request.cursor || skipped + rows.length < total)) {
      result.nextCursor = encodeCursor(byRelevance ? [last.score, last.date, last.doc] : [last.date, last.doc])
    }
    if (request.facets) result.facets = this.#facets(from)
    return result
  }

  #facets(from: (except?: FacetField) => Source): Record<FacetField, FacetCount[]> {
    const out = {} as Record<FacetField, FacetCount[]>
    for (const field of FACET_FIELDS) {
      const { tables, where, params } = from(field)
      let query: string
      if (field === 'type') query = `SELECT d.type AS value, count(*) AS count FROM ${tables} WHERE ${where} GROUP BY d.type`
      else if (field === 'year') query = `SELECT CAST(d.year AS TEXT) AS value, count(*) AS count FROM ${tables} WHERE ${where} AND d.year IS NOT NULL GROUP BY d.year`
      else {
        query = `SELECT max(f.value) AS value, count(*) AS count FROM ${tables} JOIN search_facets f ON f.doc = d.doc AND f.field = @facet_field WHERE ${where} GROUP BY f.key`
        params.facet_field = field
      }
      out[field] = this.#db.prepare(`${query} ORDER BY count DESC, value LIMIT ${FACET_LIMIT}`).all(params) as FacetCount[]
    }
    return out
  }

  #records(ids: string[]): Map<string, Publication> {
    if (!ids.length) return new Map()
    const rows = this.#db
      .prepare(`SELECT id, slug, fields, created_at, updated_at, revision, published FROM publications WHERE id IN (${ids.map(() => '?').join(', ')})`)
      .all(...ids) as PublicationRow[]
    return new Map(rows.map((r) => [r.id, toPublication(r)]))
  }
}

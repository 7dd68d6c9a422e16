import type postgres from 'postgres'
import type { Publication, PublicationFields } from '../../model/index.js'
import { hasCjk, queryWordTokens, textExpressions, type FieldFilter, type QueryFilter, type RangeFilter, type SearchQuery, type TextTerm } from '../../search/index.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import { docColumns, facetValues, foldKey, indexedTexts } from '../indexed-fields.js'
import { FACET_FIELDS, type FacetCount, type FacetField, type SearchRepo, type SearchRequest, type SearchResult } from '../store.js'
import { entityFacetsStatement } from './pg-enrichment.js'
import { pipelined, type Sql } from './pg-sql.js'

/**
 * Full-text search on PostgreSQL: a weighted tsvector per record (title A, summary B, authors
 * and outlet C, body D) behind a GIN index, queries compiled from the same parsed query as
 * SQLite's, ranked by ts_rank with the same weights (title 10 : summary 4 : people 3 : body 1),
 * ties newest first; facets counted in SQL, disjunctively, as SQLite counts them.
 */

// ts_rank's weights, in the order {D, C, B, A}.
const RANK_WEIGHTS = '{0.1, 0.3, 0.4, 1.0}'
const FACET_LIMIT = 20

/**
 * Keeps a record's search rows in step with it, in the record's own transaction. The
 * statements are issued together, so on one connection they travel as one pipeline.
 */
export function indexPublication(sql: Sql, id: string, f: PublicationFields, options: { isNew?: boolean } = {}): Promise<unknown> {
  const c = docColumns(f)
  const t = indexedTexts(f)
  const statements: Promise<unknown>[] = []
  statements.push(sql`
    WITH v AS (SELECT setweight(to_tsvector('dossier_text', ${t.title}), 'A') || setweight(to_tsvector('dossier_text', ${t.summary}), 'B') ||
      setweight(to_tsvector('dossier_text', ${t.people}), 'C') || setweight(to_tsvector('dossier_text', ${t.body}), 'D') AS tsv)
    INSERT INTO search_docs (id, visible, type, year, date, lang, tsv, head)
    SELECT ${id}, ${c.visible}, ${c.type}, ${c.year}, ${c.date}, ${c.lang}, v.tsv, ts_filter(v.tsv, '{a,b,c}') FROM v
    ON CONFLICT (id) DO UPDATE SET visible = excluded.visible, type = excluded.type, year = excluded.year, date = excluded.date,
      lang = excluded.lang, tsv = excluded.tsv, head = excluded.head`)
  if (!options.isNew) statements.push(sql`DELETE FROM search_facets WHERE id = ${id}`)
  const facets = new Map<string, [string, string, string]>()
  for (const [field, value] of facetValues(f)) {
    const key = foldKey(value)
    if (!facets.has(`${field}\u0000${key}`)) facets.set(`${field}\u0000${key}`, [field, key, field === 'author-word' ? '' : value])
  }
  if (facets.size > 0) {
    const rows = [...facets.values()].map(([field, key, value]) => ({ field, key, id, value }))
    statements.push(sql`INSERT INTO search_facets ${sql(rows, 'field', 'key', 'id', 'value')}`)
  }
  if (!options.isNew) statements.push(entityFacetsStatement(sql, id))
  return pipelined(statements)
}

/** A quoted tsquery operand: words inside become a phrase; quotes doubled, backslashes dropped. */
const operand = (text: string) => `'${text.replace(/\\/g, '').replace(/'/g, "''")}'`


function tsTerm(t: TextTerm): string | undefined {
  if (t.kind === 'phrase') {
    const words = t.words.map(queryWordTokens).filter(Boolean)
    return words.length ? operand(words.join(' ')) : undefined
  }
  const tokens = queryWordTokens(t.text)
  if (!tokens.trim()) return undefined
  const lone = hasCjk(t.text) && [...t.text].length === 1
  return operand(tokens) + (t.prefix || lone ? ':*' : '')
}

/** The tsquery text for what must match and what must not; undefined parts are absent. */
export function tsQueries(q: SearchQuery): { must?: string; not?: string } {
  return textExpressions(q, tsTerm, { and: ' & ', or: ' | ' })
}

type Fragment = postgres.PendingQuery<postgres.Row[]>

/** Conditions joined by OR; `false` when there are none. */
const anyOf = (sql: Sql, parts: Fragment[]): Fragment => (parts.length === 0 ? sql`false` : parts.slice(1).reduce((acc, p) => sql`${acc} OR ${p}`, parts[0]!))

/** One filter of the query as a condition on `d` (search_docs). */
function filterCondition(sql: Sql, f: QueryFilter): Fragment {
  let positive: Fragment
  if (f.field === 'year') {
    const ranges = (f as RangeFilter).ranges
    positive = sql`(d.year IS NOT NULL AND (${anyOf(sql, ranges.map((r) => sql`(d.year >= ${r.from ? Number(r.from) : -1e9} AND d.year <= ${r.to ? Number(r.to) : 1e9})`))}))`
  } else if (f.field === 'date') {
    // Dates are ISO prefixes at the record's precision; the lower end is compared at that precision.
    const ranges = (f as RangeFilter).ranges
    positive = sql`(d.date <> '' AND (${anyOf(
      sql,
      ranges.map((r) => sql`(${r.from ? sql`d.date >= substr(${r.from}, 1, length(d.date))` : sql`true`} AND ${r.to ? sql`d.date <= ${r.to}` : sql`true`})`),
    )}))`
  } else if (f.field === 'type') {
    positive = sql`d.type IN ${sql((f as FieldFilter).values)}`
  } else if (f.field === 'lang') {
    positive = sql`d.lang IN ${sql((f as FieldFilter).values.map((v) => v.toLowerCase().split('-')[0]!))}`
  } else {
    // A one-word author filter matches any word of a name: author:kishida.
    const pairs = (f as FieldFilter).values.map((v) => {
      const key = foldKey(v)
      return { field: f.field === 'author' && !key.includes(' ') ? 'author-word' : f.field, key }
    })
    positive = sql`EXISTS (SELECT 1 FROM search_facets f WHERE f.id = d.id AND (${anyOf(sql, pairs.map((p) => sql`(f.field = ${p.field} AND f.key = ${p.key})`))}))`
  }
  return f.negated ? sql`NOT ${positive}` : positive
}

export class PgSearch implements SearchRepo {
  constructor(private readonly sql: Sql) {}

  async version(): Promise<number> {
    return Number((await this.sql<{ last_value: string }[]>`SELECT last_value FROM search_version`)[0]!.last_value)
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const sql = this.sql
    const { must, not } = tsQueries(request.query)
    const match = must && (not ? `(${must}) & !(${not})` : must)
    const textCondition = match ? sql`d.tsv @@ to_tsquery('dossier_text', ${match})` : not ? sql`NOT (d.tsv @@ to_tsquery('dossier_text', ${not}))` : sql`true`
    const visible = request.includeUnpublished ? sql`true` : sql`d.visible`
    const filters = request.query.filters
    const flag = (i: number) => sql(`f${i}`)

    // Relevance reads the head vector only (title, summary, people): small, kept in the row.
    // Matches in the body alone rank after those, newest first.
    const byRelevance = Boolean(match) && request.sort === 'relevance'
    const rank = byRelevance ? sql`ts_rank(${RANK_WEIGHTS}::real[], d.head, to_tsquery('dossier_text', ${match!}))` : sql`0::real`
    const after = request.cursor ? decodeCursor(request.cursor) : undefined
    const keyset = !after
      ? sql`true`
      : byRelevance
        ? sql`(m.rank, m.date, m.id) < (${Number(after[0])}::real, ${String(after[1])}, ${String(after[2])})`
        : sql`(m.date, m.id) < (${String(after[0])}, ${String(after[1])})`
    const skip = request.cursor ? 0 : (request.offset ?? 0)

    // One pass over the matches: each filter evaluated once per match as a flag column; the
    // page, the total and (when asked) each facet field's counts under the other fields' flags.
    const allBut = (field?: string) => filters.reduce((acc, f, i) => (f.field === field ? acc : sql`${acc} AND m.${flag(i)}`), sql`true`)
    const flagColumns = filters.reduce((acc, f, i) => sql`${acc}, ${filterCondition(sql, f)} AS ${flag(i)}`, sql``)
    const multi = ['author', 'outlet', 'topic', 'region', 'program', 'entity'] as const
    const facetRows = request.facets
      ? sql`
      UNION ALL SELECT 'type', NULL, 0, NULL, m.type, count(*)::int FROM m WHERE ${allBut('type')} GROUP BY m.type
      UNION ALL SELECT 'year', NULL, 0, NULL, m.year::text, count(*)::int FROM m WHERE ${allBut('year')} AND m.year IS NOT NULL GROUP BY m.year
      UNION ALL SELECT f.field, NULL, 0, NULL, min(f.value), count(*)::int FROM m JOIN search_facets f ON f.id = m.id
        WHERE ${anyOf(sql, multi.map((field) => sql`(f.field = ${field} AND ${allBut(field)})`))}
        GROUP BY f.field, f.key`
      : sql``
    const rows = await sql<{ kind: string; id: string | null; rank: number; date: string | null; value: string | null; count: number }[]>`
      WITH m AS MATERIALIZED (SELECT d.id, d.type, d.year, d.date, ${rank} AS rank ${flagColumns} FROM search_docs d WHERE ${visible} AND ${textCondition})
      SELECT '#total' AS kind, NULL::text AS id, 0::real AS rank, NULL::text AS date, NULL::text AS value, count(*)::int AS count FROM m WHERE ${allBut()}
      UNION ALL (SELECT '#page', m.id, m.rank, m.date, NULL, 0 FROM m WHERE ${allBut()} AND ${keyset}
                 ORDER BY m.rank DESC, m.date DESC, m.id DESC LIMIT ${request.limit} OFFSET ${skip})
      ${facetRows}`

    let total = 0
    const page: { id: string; rank: number; date: string }[] = []
    const byField = new Map<string, FacetCount[]>(FACET_FIELDS.map((f) => [f, []]))
    for (const r of rows) {
      if (r.kind === '#total') total = r.count
      else if (r.kind === '#page') page.push({ id: r.id!, rank: r.rank, date: r.date! })
      else byField.get(r.kind)?.push({ value: r.value!, count: r.count })
    }
    const records = await this.#records(page.map((p) => p.id))
    const result: SearchResult = {
      total,
      hits: page.flatMap((p) => {
        const publication = records.get(p.id)
        return publication ? [{ publication, score: p.rank }] : []
      }),
    }
    const last = page[page.length - 1]
    if (last && page.length === request.limit && (request.cursor || skip + page.length < total)) {
      result.nextCursor = encodeCursor(byRelevance ? [last.rank, last.date, last.id] : [last.date, last.id])
    }
    if (request.facets) {
      // As SQLite orders them: most first, then by value (code point order), the top 20.
      const top = (xs: FacetCount[]) => xs.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).slice(0, FACET_LIMIT)
      result.facets = Object.fromEntries(FACET_FIELDS.map((f) => [f, top(byField.get(f)!)])) as Record<FacetField, FacetCount[]>
    }
    return result
  }

  async #records(ids: string[]): Promise<Map<string, Publication>> {
    if (!ids.length) return new Map()
    const rows = await this.sql<{ id: string; slug: string; fields: string; created_at: string; updated_at: string; revision: number }[]>`
      SELECT id, slug, fields, created_at, updated_at, revision FROM publications WHERE id IN ${this.sql(ids)}`
    return new Map(rows.map((r) => [r.id, { id: r.id, slug: r.slug, ...(JSON.parse(r.fields) as PublicationFields), createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision }]))
  }

  async vocabulary(word: string): Promise<{ term: string; docs: number }[]> {
    const w = foldKey(word)
    if (!w) return []
    const first = String.fromCodePoint(w.codePointAt(0)!)
    // ts_stat reads every vector: slow on a large archive, but asked only when a query found nothing.
    const rows = await this.sql<{ term: string; docs: number }[]>`
      SELECT word AS term, ndoc::int AS docs FROM ts_stat('SELECT tsv FROM search_docs')
       WHERE word LIKE ${`${first.replace(/[\\%_]/g, '\\$&')}%`} AND abs(length(word) - ${w.length}) <= 2
       ORDER BY ndoc DESC, word`
    return [...rows]
  }

  async hasWord(word: string): Promise<boolean> {
    const term = tsTerm({ kind: 'word', text: word, prefix: false })
    if (!term) return false
    return (await this.sql`SELECT 1 FROM search_docs WHERE tsv @@ to_tsquery('dossier_text', ${term}) LIMIT 1`).length > 0
  }
}

import type postgres from 'postgres'
import type { Publication, PublicationFields } from '../../model/index.js'
import { hasCjk, queryWordTokens, textExpressions, type FieldFilter, type QueryFilter, type RangeFilter, type SearchQuery, type TextTerm } from '../../search/index.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import { docColumns, facetValues, foldKey, indexedTexts } from '../indexed-fields.js'
import { type SearchRepo, type SearchRequest, type SearchResult } from '../store.js'
import { entityFacetsStatement } from './pg-enrichment.js'
import { pipelined, type Sql } from './pg-sql.js'
import { docNumbers, type PgColumns } from './pg-columns.js'
import { datePage, scanMatches } from '../column-search.js'
import type { SearchColumns } from '../search-columns.js'

/**
 * Full-text search on PostgreSQL: a weighted tsvector per record (title A, summary B, authors
 * and outlet C, body D) behind a GIN index, queries compiled from the same parsed query as
 * SQLite's, ranked by ts_rank with the same weights (title 10 : summary 4 : people 3 : body 1),
 * ties newest first; facets counted in SQL, disjunctively, as SQLite counts them.
 */

// ts_rank's weights, in the order {D, C, B, A}.
const RANK_WEIGHTS = '{0.1, 0.3, 0.4, 1.0}'

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
      setweight(to_tsvector('dossier_text', ${t.people}), 'C') || setweight(to_tsvector('dossier_text', ${t.body}), 'D') AS tsv),
    d AS (INSERT INTO search_docs (id, visible, type, year, date, lang, head)
      SELECT ${id}, ${c.visible}, ${c.type}, ${c.year}, ${c.date}, ${c.lang}, ts_filter(v.tsv, '{a,b,c}') FROM v
      ON CONFLICT (id) DO UPDATE SET visible = excluded.visible, type = excluded.type, year = excluded.year, date = excluded.date,
        lang = excluded.lang, head = excluded.head
      RETURNING doc)
    INSERT INTO search_bodies (doc, tsv) SELECT d.doc, v.tsv FROM d, v ON CONFLICT (doc) DO UPDATE SET tsv = excluded.tsv`)
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
  constructor(
    private readonly sql: Sql,
    private readonly columns: PgColumns,
  ) {}

  async version(): Promise<number> {
    return Number((await this.sql<{ last_value: string }[]>`SELECT last_value FROM search_version`)[0]!.last_value)
  }

  /**
   * PostgreSQL finds the documents whose text matches (one packed list) and, for relevance,
   * ranks the head matches; the in-memory columns apply the filters, count the total and the
   * facets, and give body-only matches their date order, as in the SQLite store.
   */
  async search(request: SearchRequest): Promise<SearchResult> {
    const sql = this.sql
    const cols = await this.columns.current()
    const { must, not } = tsQueries(request.query)
    const match = must && (not ? `(${must}) & !(${not})` : must)
    const byRelevance = Boolean(match) && request.sort === 'relevance'
    const skip = request.cursor ? 0 : (request.offset ?? 0)
    const after = request.cursor ? decodeCursor(request.cursor) : undefined

    // The text match and the first try at the ranked head go out together.
    const matching = (expression: string) =>
      sql<{ docs: Buffer | null }[]>`SELECT string_agg(int4send(doc), ''::bytea) AS docs FROM search_bodies WHERE tsv @@ to_tsquery('dossier_text', ${expression})`.then((r) =>
        docNumbers(r[0]?.docs),
      )
    const ranking = byRelevance ? new HeadRanking(sql, request, match!, anyWordOf(request.query)) : undefined
    const firstRanks = ranking?.fetch(skip + request.limit + 32)
    // Handled here too: when the text match fails first, this one is never awaited.
    firstRanks?.catch(() => undefined)
    const [candidates, excludedDocs] = await Promise.all([match ? matching(match) : undefined, !match && not ? matching(not) : undefined])
    const { passing, total, facets } = scanMatches(cols, request, candidates, excludedDocs && new Set(excludedDocs))

    const page = ranking ? await ranking.page(cols, passing, skip, request.limit, await firstRanks!, after) : datePage(cols, passing, skip, request.limit, after)
    const records = await this.#records(page.map((p) => p.doc))
    const result: SearchResult = {
      total,
      hits: page.flatMap((p) => {
        const publication = records.get(p.doc)
        return publication ? [{ publication, score: p.score }] : []
      }),
    }
    const last = page[page.length - 1]
    if (last && page.length === request.limit && (request.cursor || skip + page.length < total)) {
      result.nextCursor = encodeCursor(byRelevance ? [last.score, cols.date[last.doc]!, last.doc] : [cols.date[last.doc]!, last.doc])
    }
    if (facets) result.facets = facets
    return result
  }

  /** The page's records by document number, in one query. */
  async #records(docs: number[]): Promise<Map<number, Publication>> {
    if (!docs.length) return new Map()
    const rows = await this.sql<{ doc: number; id: string; slug: string; fields: string; created_at: string; updated_at: string; revision: number }[]>`
      SELECT d.doc, p.id, p.slug, p.fields, p.created_at, p.updated_at, p.revision
        FROM search_docs d JOIN publications p ON p.id = d.id WHERE d.doc IN ${this.sql(docs)}`
    return new Map(rows.map((r) => [r.doc, { id: r.id, slug: r.slug, ...(JSON.parse(r.fields) as PublicationFields), createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision }]))
  }

  async vocabulary(word: string): Promise<{ term: string; docs: number }[]> {
    const w = foldKey(word)
    if (!w) return []
    const first = String.fromCodePoint(w.codePointAt(0)!)
    // ts_stat reads every vector: slow on a large archive, but asked only when a query found nothing.
    const rows = await this.sql<{ term: string; docs: number }[]>`
      SELECT word AS term, ndoc::int AS docs FROM ts_stat('SELECT tsv FROM search_bodies')
       WHERE word LIKE ${`${first.replace(/[\\%_]/g, '\\$&')}%`} AND abs(length(word) - ${w.length}) <= 2
       ORDER BY ndoc DESC, word`
    return [...rows]
  }

  async hasWord(word: string): Promise<boolean> {
    const term = tsTerm({ kind: 'word', text: word, prefix: false })
    if (!term) return false
    return (await this.sql`SELECT 1 FROM search_bodies WHERE tsv @@ to_tsquery('dossier_text', ${term}) LIMIT 1`).length > 0
  }
}

/** Every positive word and phrase of the query, as alternatives: a head holding any of them ranks above zero. */
function anyWordOf(q: SearchQuery): string | undefined {
  return textExpressions(q, tsTerm, { and: ' | ', or: ' | ' }).must
}

type Ranked = { doc: number; score: number; date: string }

/**
 * A page in relevance order. Only the head vector (title, summary, authors and outlet) is
 * ranked, and only where it holds a query word; matches in the body alone rank zero and follow,
 * newest first. The top N heads come from PostgreSQL already in page order (rank, date,
 * document); N grows fourfold while the columns' filters (which can be a little newer) drop
 * some and more remain.
 */
class HeadRanking {
  constructor(
    private readonly sql: Sql,
    private readonly request: SearchRequest,
    private readonly match: string,
    private readonly any: string | undefined,
  ) {}

  async fetch(n: number): Promise<Ranked[]> {
    if (!this.any) return []
    const sql = this.sql
    const filters = this.request.query.filters.reduce((acc, f) => sql`${acc} AND ${filterCondition(sql, f)}`, sql``)
    const visible = this.request.includeUnpublished ? sql`` : sql`AND d.visible`
    const top = (where: Fragment) => sql<Ranked[]>`
      SELECT d.doc, ts_rank(${RANK_WEIGHTS}::real[], d.head, to_tsquery('dossier_text', ${this.match})) AS score, d.date
        FROM search_docs d WHERE ${where} ${visible} ${filters}
       ORDER BY score DESC, d.date DESC, d.doc DESC LIMIT ${n}`
    // For one word, any head holding it in the title outranks every head without (ts_rank
    // takes the heaviest occurrence whole, and a title's weight beats any sum of summary or
    // people occurrences): when the title matches fill the N, they are the top N.
    if (/^'[^' ]+'$/.test(this.match)) {
      const titled = await top(sql`numnode(to_tsquery('dossier_text', ${this.match})) = 1 AND ts_filter(d.head, '{a}') @@ to_tsquery('dossier_text', ${this.match})`)
      if (titled.length === n) return [...titled]
    }
    return [...(await top(sql`d.head @@ to_tsquery('dossier_text', ${this.any})`))]
  }

  async page(cols: SearchColumns, passing: Uint8Array, skip: number, limit: number, first: Ranked[], after?: (string | number)[]) {
    const need = skip + limit
    let n = need + 32
    let rows = first
    const [s, d, k] = (after ?? []) as [number | undefined, string | undefined, number | undefined]
    const isAfter = (r: Ranked) => s === undefined || r.score < s || (r.score === s && (r.date < d! || (r.date === d && r.doc < k!)))
    for (;;) {
      const taken = rows.filter((r) => r.doc < cols.size && passing[r.doc] && r.score > 0 && isAfter(r))
      const exhausted = rows.length < n
      if (taken.length >= need) return taken.slice(skip, need).map(({ doc, score }) => ({ doc, score }))
      if (exhausted) {
        // Every ranked head is known: the rest of the page is body-only matches by date.
        const ranked = new Set(rows.filter((r) => r.score > 0).map((r) => r.doc))
        const rest = new Uint8Array(passing)
        for (const doc of ranked) if (doc < rest.length) rest[doc] = 0
        const zeroAfter = s === undefined || s > 0 ? undefined : [d!, k!]
        const tail = datePage(cols, rest, Math.max(0, skip - taken.length), need - Math.max(skip, taken.length), zeroAfter)
        return [...taken.slice(skip, need).map(({ doc, score }) => ({ doc, score })), ...tail]
      }
      n *= 4
      rows = await this.fetch(n)
    }
  }
}

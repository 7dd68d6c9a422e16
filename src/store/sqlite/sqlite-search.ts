import type Database from 'better-sqlite3'
import type { Publication } from '../../model/index.js'
import { hasCjk, queryWordTokens, textExpressions, type SearchQuery, type TextTerm } from '../../search/index.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import { type SearchRepo, type SearchRequest, type SearchResult } from '../store.js'
import { foldKey } from '../indexed-fields.js'
import { toPublication, type PublicationRow } from './sqlite-publications.js'
import { SearchColumns } from '../search-columns.js'
import { datePage, filterMasks, scanMatches, shownDocs } from '../column-search.js'
import { refreshColumns } from './search-columns.js'
import { parseNumberList } from './number-list.js'
import type { RankingStep, RankingWorker } from './ranking-worker.js'

type Gate = <T>(f: () => T) => Promise<T>

/** A worker to rank head candidates in, and a way to hold the connection while waiting for it. */
export interface Parallel {
  ranker: () => RankingWorker | undefined
  hold: <T>(work: () => Promise<T>) => Promise<T>
}

// BM25 weights per column of search_text: a title hit outranks a summary hit, which outranks
// an author or outlet hit, which outranks a body hit.
const WEIGHTS = { title: 10, summary: 4, people: 3, body: 1 }
const SCORE = `bm25(search_text, ${WEIGHTS.title}, ${WEIGHTS.summary}, ${WEIGHTS.people}, ${WEIGHTS.body})`

// Below this share of the matches passing the filters, the passing documents are handed to the
// ranking query as a list (see #rankedPage).
const LIST_PASSING_BELOW = 0.25

// The full BM25 of the given documents: parameters (expression, JSON list).
const scoredSql = `SELECT rowid, ${SCORE} AS score FROM search_text WHERE search_text MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`
// The best N of them: parameters (expression, JSON list, N).
const listedSql = `${scoredSql} ORDER BY score LIMIT ?`
// The best N head candidates: parameters (head expression, N).
const headSql = `SELECT rowid FROM search_text WHERE search_text MATCH ? ORDER BY ${SCORE} LIMIT ?`
// The same among the given documents: parameters (head expression, JSON list, N).
const passingHeadSql = `SELECT rowid FROM search_text WHERE search_text MATCH ? AND +rowid IN (SELECT value FROM json_each(?)) ORDER BY ${SCORE} LIMIT ?`

// The columns FTS5 is asked to find a query word in for head-first candidates.
const HEAD = '{title summary people}'
// How many head candidates a page is chosen from. The head-only BM25 that picks them ignores
// the body, so a record's place among them drifts from its place in the full ranking, the more
// the deeper the page: at a million records the first page was exact from 200 candidates, but
// page 20 of the commonest word still missed 80 % of its records from 1,600 and 5 % from 20,000.
// So the pool grows with the square of the records before the page's end, up to a cap.
const HEAD_CANDIDATES = 200
const HEAD_CANDIDATES_MAX = 20_000
const headCandidates = (need: number) => Math.min(HEAD_CANDIDATES_MAX, Math.max(HEAD_CANDIDATES, Math.ceil((need * need) / 2)))

export interface SearchOptions {
  /**
   * From this many matches on, relevance pages are ranked head first: scoring every match is
   * what a common word costs (about 2 µs a match in FTS5), so the records holding a query word in
   * their title, summary, authors or outlet are found first, scored by the same BM25, and only
   * they are ranked. Default 10,000.
   */
  headFirstFrom?: number
  /**
   * Whether a head-first page's candidates are found and scored in a worker thread while the
   * matches are listed and counted (see RankingWorker). Default true for an archive file.
   */
  parallelRanking?: boolean
}

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

export class SqliteSearch implements SearchRepo {
  readonly #db: Database.Database
  readonly #gate: Gate
  readonly #columns = new SearchColumns()
  readonly #statements = new Map<string, Database.Statement>()

  readonly #headFirstFrom: number
  readonly #parallel?: Parallel

  constructor(db: Database.Database, gate: Gate, options: SearchOptions = {}, parallel?: Parallel) {
    this.#db = db
    this.#gate = gate
    this.#headFirstFrom = options.headFirstFrom ?? 10_000
    this.#parallel = parallel
  }

  search(request: SearchRequest): Promise<SearchResult> {
    // While it waits for the worker, a search holds the connection, so that no transaction
    // begins on it and shows the search's last reads rows it has not committed.
    return this.#parallel ? this.#parallel.hold(() => this.#search(request)) : this.#gate(() => this.#search(request)).then((r) => r)
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

  /**
   * The documents matching an expression. They come back as one comma-separated string, read
   * in a single pass: a common word's matches came back 1.7 times faster so than as rows.
   */
  #matching(expression: string): Int32Array {
    const list = this.#statement('SELECT group_concat(rowid) FROM search_text WHERE search_text MATCH ?').pluck().get(expression) as string | null
    return list ? parseNumberList(list) : new Int32Array(0)
  }

  /** Whether an expression matches more than `n` records: steps over at most n + 1 matches. */
  #matchesMoreThan(expression: string, n: number): boolean {
    return this.#statement('SELECT 1 FROM search_text WHERE search_text MATCH ? LIMIT 1 OFFSET ?').get(expression, n) !== undefined
  }

  async #search(request: SearchRequest): Promise<SearchResult> {
    const cols = refreshColumns(this.#columns, this.#db)
    const { must, not } = ftsExpressions(request.query)
    const match = must && (not ? `(${must}) NOT (${not})` : must)
    const byRelevance = Boolean(match) && request.sort === 'relevance'
    const skip = request.cursor ? 0 : (request.offset ?? 0)
    const after = request.cursor ? decodeCursor(request.cursor) : undefined
    // Work for the worker, asked for before the matches are listed so that both run at once
    // (none inside a transaction, whose writes the worker's connection cannot see, and none for
    // an archive too small to need it). Any search of a large archive starts the worker, so the
    // server's first search at start does, not a reader's.
    const worker = cols.size > this.#headFirstFrom && !this.#db.inTransaction ? this.#parallel?.ranker() : undefined
    // A filtered search hands the worker a list worked out over every record's columns (tens of
    // milliseconds at a million): worth it only for a query that matches many records, which a
    // probe stepping over at most that many matches tells (about a millisecond). Phrases are
    // not probed: stepping over a rare phrase's candidates costs what listing them does.
    const few = byRelevance && worker && request.query.filters.length > 0 && !hasPhrase(request.query) && !this.#matchesMoreThan(match!, this.#headFirstFrom)
    const ranker = byRelevance && !few ? worker : undefined
    const heads = byRelevance ? headRanking(match!, request.query, skip + request.limit) : undefined
    // With filters, which records may be shown is known from the columns alone; when few pass,
    // the worker scores just those (see #rankedPage). Otherwise it finds the head candidates.
    const masks = ranker && request.query.filters.length ? filterMasks(cols, request) : undefined
    const allowed = masks && shownDocs(masks)
    const listedN = skip + request.limit + 32
    // Many matches and few records passing: the worker looks for head candidates among those
    // that pass (at a million records, 'some' with a type and years: 91 ms instead of 143 for
    // scoring every passing match). Without head words to look for, it scores them all.
    const passingList = allowed && allowed.length < LIST_PASSING_BELOW * cols.size ? JSON.stringify(Array.from(allowed)) : undefined
    const passingHeads = passingList && heads ? ranker!.rank(headSteps(heads, passingList)) : undefined
    const listedRanking = passingList && !heads ? ranker!.rank([{ sql: listedSql, args: [match!, passingList, listedN] }]) : undefined
    const headRanked = ranker && heads && !passingList ? ranker.rank(headSteps(heads)) : undefined
    passingHeads?.catch(() => undefined)
    listedRanking?.catch(() => undefined)
    headRanked?.catch(() => undefined)

    // 1. The text match (or every record), 2. the filters, as one pass that also counts facets.
    const candidates = match ? this.#matching(match) : undefined
    const excluded = !match && not ? new Set(this.#matching(not)) : undefined
    const { passing, total, facets } = scanMatches(cols, request, candidates, excluded, masks)

    // 3. The page: from the worker's answer when it has one that fits, else ranked here.
    const selectivity = candidates?.length ? total / candidates.length : 1
    let page: { doc: number; score: number }[] | undefined
    if (heads && passingHeads && candidates!.length >= this.#headFirstFrom) {
      // Too few head candidates pass for the page: every passing match is scored below.
      const scored = await passingHeads.catch(() => undefined)
      page = scored && headPage(scored, passing, cols, skip, request.limit, after)
    } else if (heads && candidates!.length >= this.#headFirstFrom && selectivity >= LIST_PASSING_BELOW) {
      const scored = (headRanked && (await headRanked.catch(() => undefined))) ?? this.#rankHeads(heads, passing)
      page = headPage(scored, passing, cols, skip, request.limit, after)
    } else if (listedRanking && selectivity < LIST_PASSING_BELOW) {
      const rows = await listedRanking.catch(() => undefined)
      page = rows && settledPage(rows, listedN, passing, cols, skip, request.limit, after)
    }
    page ??= byRelevance
      ? this.#rankedPage(match!, passing, cols, skip, request.limit, candidates!, selectivity, after)
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
    if (facets) result.facets = facets
    return result
  }

  /** Head candidates found and scored in this thread; only those the filters let through are scored. */
  #rankHeads(heads: HeadRanking, passing: Uint8Array): [number, number][] {
    const ids = this.#statement(headSql).pluck().all(heads.headMatch, heads.wanted) as number[]
    return this.#statement(scoredSql).raw().all(heads.match, docList(ids, passing)) as [number, number][]
  }

  /**
   * A page in relevance order. FTS5 keeps only the best N while it scores the matches (ORDER
   * BY … LIMIT N), and N grows fourfold until the page is full and no tie is cut; equal scores
   * are put newest first. FTS5 scores every row the WHERE clause lets through, so when the
   * filters let few matches through, those documents go to SQLite as a list and only they are
   * scored (a 5 %-selective filter at 10k records: 1.5 ms, against 82 ms scoring every match
   * and reading the best 432); otherwise N is widened by how many matches the filters drop.
   */
  #rankedPage(match: string, passing: Uint8Array, cols: SearchColumns, skip: number, limit: number, matches: Int32Array, selectivity: number, after?: (string | number)[]) {
    const listed = selectivity < LIST_PASSING_BELOW
    const statement = this.#statement(listed ? listedSql : `SELECT rowid, ${SCORE} AS score FROM search_text WHERE search_text MATCH ? ORDER BY score LIMIT ?`).raw()
    const args: unknown[] = [match]
    if (listed) args.push(docList(matches, passing))
    let n = Math.ceil((skip + limit) / (listed ? 1 : Math.max(selectivity, 0.01))) + 32
    for (;;) {
      const page = settledPage(statement.all(...args, n) as [number, number][], n, passing, cols, skip, limit, after)
      if (page) return page
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

/** A head-first ranking's parameters: where to look for candidates, how many, and the query to score them by. */
interface HeadRanking {
  headMatch: string
  wanted: number
  match: string
}

/**
 * How to rank a relevance page head first: the records holding a query word in their head
 * (title, summary, authors, outlet), the best few hundred of them (more for later pages) by
 * BM25 restricted to those columns, then scored by the full BM25 of the query — the same score
 * as every other page — scoring a few hundred records instead of every match. A record matching
 * in its body alone can only outrank them by holding the word many times in a short text; with
 * a common word (the only case ranked so) its head matches fill the first pages. Undefined when
 * the query cannot be ranked so.
 */
function headRanking(match: string, query: SearchQuery, need: number): HeadRanking | undefined {
  const terms = query.must.flat()
  const words = terms.map(ftsTerm).filter((t): t is string => Boolean(t))
  if (!words.length || terms.some((t) => hasCjk(t.kind === 'phrase' ? t.words.join(' ') : t.text))) return undefined
  // One word needs only the column filter; otherwise the whole query must match and one of its
  // words be in the head.
  const single = words.length === 1 && !query.not.length
  return {
    headMatch: single ? `${HEAD} : ${words[0]}` : `(${match}) AND ${HEAD} : (${words.join(' OR ')})`,
    wanted: headCandidates(need),
    match,
  }
}

const hasPhrase = (q: SearchQuery) => q.must.flat().some((t) => t.kind === 'phrase')

/**
 * The worker's statements for a head ranking: the candidates, then their scores. Given the
 * documents the filters let through (a JSON list), the candidates are found among them only.
 */
function headSteps(h: HeadRanking, passingList?: string): RankingStep[] {
  return [
    passingList === undefined ? { sql: headSql, args: [h.headMatch, h.wanted] } : { sql: passingHeadSql, args: [h.headMatch, passingList, h.wanted] },
    { sql: scoredSql, args: [h.match, '$previous'], skipIfNone: true },
  ]
}

/** The scored rows the filters let through and that come after the cursor, in their order. */
function shownAfter(rows: [number, number][], passing: Uint8Array, cols: SearchColumns, after?: (string | number)[]) {
  const isAfter = afterCursor(cols, after)
  const taken: { doc: number; score: number }[] = []
  for (const [doc, score] of rows) if (passing[doc] && isAfter(doc, score)) taken.push({ doc, score })
  return taken
}

/**
 * The page from scored head candidates, best first. Undefined when fewer than the page (a cursor
 * past the candidates, or few head matches): every match is scored then, so the pages go on into
 * records matching in their body alone.
 */
function headPage(scored: [number, number][], passing: Uint8Array, cols: SearchColumns, skip: number, limit: number, after?: (string | number)[]) {
  const taken = shownAfter(scored, passing, cols, after)
  if (taken.length < skip + limit) return undefined
  return taken.sort(byScoreThenDate(cols)).slice(skip, skip + limit)
}

/**
 * The page from rows ranked best first, N of them asked for. Undefined when more rows must be
 * read: N were read, and the page is not full or its last score ties the last row read (a tie
 * might be cut off).
 */
function settledPage(rows: [number, number][], n: number, passing: Uint8Array, cols: SearchColumns, skip: number, limit: number, after?: (string | number)[]) {
  const need = skip + limit
  const taken = shownAfter(rows, passing, cols, after)
  const exhausted = rows.length < n
  const settled = taken.length >= need && rows[rows.length - 1]![1] !== taken[need - 1]!.score
  return exhausted || settled ? taken.sort(byScoreThenDate(cols)).slice(skip, skip + limit) : undefined
}

/** Whether a (document, score) comes after a relevance cursor: worse score, or equal and older. */
function afterCursor(cols: SearchColumns, after?: (string | number)[]) {
  return (doc: number, score: number) => {
    if (!after) return true
    const [s, d, n] = after as [number, string, number]
    const date = cols.date[doc]!
    return score > s || (score === s && (date < d || (date === d && doc > n)))
  }
}

/** Relevance order: best BM25 first (FTS5's are negative), equal scores newest first, then by document. */
function byScoreThenDate(cols: SearchColumns) {
  return (a: { doc: number; score: number }, b: { doc: number; score: number }) =>
    a.score - b.score || (cols.date[a.doc]! < cols.date[b.doc]! ? 1 : cols.date[a.doc]! > cols.date[b.doc]! ? -1 : a.doc - b.doc)
}

/** The documents that pass the filters, as the JSON list the ranking queries read with json_each. */
function docList(docs: ArrayLike<number>, passing: Uint8Array): string {
  const kept: number[] = []
  for (let i = 0; i < docs.length; i++) if (passing[docs[i]!]) kept.push(docs[i]!)
  return JSON.stringify(kept)
}

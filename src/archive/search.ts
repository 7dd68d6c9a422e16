import type { Publication } from '../model/index.js'
import { displayName } from '../model/index.js'
import { closestTerm, escapeHtml, makeSnippet, parseQuery, type SearchQuery } from '../search/index.js'
import type { FacetCount, FacetField, SearchSort, Store } from '../store/index.js'

export interface SearchOptions {
  sort?: SearchSort
  /** 1-based page number, for people. */
  page?: number
  /** The `nextCursor` of the previous answer, for machines; wins over `page`. */
  cursor?: string
  limit?: number
  facets?: boolean
  includeUnpublished?: boolean
}

export interface SearchHitView {
  id: string
  slug: string
  title: string
  /** HTML: the best passage of the summary or body, matches in <mark>, the rest escaped. */
  snippet: string
  authors: string[]
  outlet?: string
  type: string
  published?: string
  score: number
}

export interface SearchAnswer {
  total: number
  page: number
  pages: number
  hits: SearchHitView[]
  facets?: Record<FacetField, FacetCount[]>
  nextCursor?: string
  /** For a query with no results: the query with its misspelt words replaced by the archive's own. */
  suggestion?: string
}

const MAX_LIMIT = 100

/** The snippet: from the summary or the body, whichever shows more of the query; else the summary's start. */
function snippetOf(p: Publication, words: string[]): string {
  const candidates = [p.summary, p.body?.text].filter((t): t is string => Boolean(t))
  for (const text of candidates) {
    const s = makeSnippet(text, words)
    if (s) return s
  }
  const lead = candidates[0] ?? ''
  const cut = lead.split(/\s+/).slice(0, 30).join(' ')
  return escapeHtml(cut) + (cut.length < lead.trim().length ? ' …' : '')
}

/**
 * Parses the reader's query, asks the store, and shapes the answer: snippets, page numbers,
 * and a spelling suggestion when nothing matched.
 * @throws AppError INVALID_INPUT for a query that cannot be read (unknown field, bad range).
 */
export async function searchArchive(store: Store, q: string, options: SearchOptions = {}): Promise<SearchAnswer> {
  const query = parseQuery(q)
  const limit = Math.min(Math.max(1, options.limit ?? 20), MAX_LIMIT)
  const page = Math.max(1, options.page ?? 1)
  const hasText = query.must.length > 0
  const result = await store.search.search({
    query,
    sort: options.sort ?? (hasText ? 'relevance' : 'date'),
    limit,
    offset: (page - 1) * limit,
    cursor: options.cursor,
    facets: options.facets,
    includeUnpublished: options.includeUnpublished,
  })
  const answer: SearchAnswer = {
    total: result.total,
    page: options.cursor ? 0 : page,
    pages: Math.ceil(result.total / limit),
    hits: result.hits.map(({ publication: p, score }) => ({
      id: p.id,
      slug: p.slug,
      title: p.title,
      snippet: snippetOf(p, query.words),
      authors: p.authors.map(displayName),
      outlet: p.outlet,
      type: p.type,
      published: p.published,
      score: Math.round(score * 1000) / 1000,
    })),
  }
  if (result.facets) answer.facets = result.facets
  if (result.nextCursor) answer.nextCursor = result.nextCursor
  if (result.total === 0 && hasText) {
    const suggestion = await suggest(store, q, query)
    if (suggestion) answer.suggestion = suggestion
  }
  return answer
}

/** Replaces each query word the archive does not hold with its closest indexed word. */
async function suggest(store: Store, q: string, query: SearchQuery): Promise<string | undefined> {
  let changed = false
  let text = q
  for (const word of new Set(query.words)) {
    if (word.length < 3 || /[^\p{L}]/u.test(word)) continue
    // A word the archive holds is not misspelt, even when the query as a whole finds nothing.
    if (await store.search.hasWord(word)) continue
    const vocabulary = await store.search.vocabulary(word)
    const better = closestTerm(word, vocabulary)
    if (!better) continue
    // The replacement keeps the reader's capitals: "Senkako" -> "Senkaku".
    const pattern = new RegExp(`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'giu')
    text = text.replace(pattern, (typed) => (/^\p{Lu}/u.test(typed) ? better[0]!.toUpperCase() + better.slice(1) : better))
    changed = true
  }
  return changed ? text : undefined
}

/**
 * Whole records a query's filters select, newest first, page by page with a cursor: the API's
 * filtered listing (`?type=report&author=…`).
 */
export async function matchingRecords(store: Store, q: string, options: { limit: number; cursor?: string; includeUnpublished?: boolean }): Promise<{ items: Publication[]; nextCursor?: string }> {
  const result = await store.search.search({ query: parseQuery(q), sort: 'date', limit: Math.min(Math.max(1, options.limit), MAX_LIMIT), cursor: options.cursor, includeUnpublished: options.includeUnpublished })
  return { items: result.hits.map((h) => h.publication), ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) }
}

/** The newest published records a query selects (all of them for an empty query), for feeds. */
export async function latestRecords(store: Store, q: string, limit: number): Promise<Publication[]> {
  return (await matchingRecords(store, q, { limit })).items
}

/**
 * The search box's query language, read into a plain structure that a store translates to its
 * own full-text syntax (SQLite FTS5 MATCH, PostgreSQL tsquery) and to ordinary WHERE clauses.
 *
 *   nuclear security            every word must match
 *   "security cooperation"      a phrase
 *   -china  -"a phrase"         exclusion
 *   japan OR korea nuclear      (japan OR korea) AND nuclear; chains: a OR b OR c
 *   secur*                      prefix
 *   type:report  author:"Mina Pollmann"  outlet: topic: region: program: lang:en
 *   entity:"Senkaku Islands"     records naming an entity (found by enrichment)
 *   year:2023  year:2019..2023  year:..2020  year:2019..
 *   date:2023-01-18  date:2023-01..2023-03  date:2023  date:..2022-06
 *   -type:report                a negated filter
 *
 * People type this without reading a manual, so the parser forgives what it can: an
 * unbalanced quote is dropped, a dangling OR is ignored, FTS operator characters are stripped,
 * and a colon that is not a field filter (`10:30`, `http://x`, `a: b`) is text. It refuses
 * only what it cannot guess at: an unknown field, an unknown type, a malformed year or date,
 * a backwards range, a language that is not a tag. Those are AppError('INVALID_INPUT') with
 * `field: 'q'` and a message that quotes the offending token.
 */
import {
  PUBLICATION_TYPE_IDS,
  findPublicationType,
  isValidPartialDate,
  parsePartialDate,
  type PartialDate,
} from '../model/index.js'
import { AppError } from '../shared/index.js'

/** Fields whose filter is a set of values (ORed). */
export const VALUE_FIELDS = ['type', 'author', 'outlet', 'topic', 'region', 'program', 'entity', 'lang'] as const
/** Fields whose filter is a set of ranges (ORed). */
export const RANGE_FIELDS = ['year', 'date'] as const
/** Every field a query may name, in the order error messages list them. */
export const QUERY_FIELDS = [...VALUE_FIELDS, ...RANGE_FIELDS] as const

export type ValueField = (typeof VALUE_FIELDS)[number]
export type RangeField = (typeof RANGE_FIELDS)[number]
export type QueryField = (typeof QUERY_FIELDS)[number]

/**
 * One piece of text to match. A word's `text` keeps the characters the user typed (case,
 * accents, inner punctuation such as `op-ed`, `U.S.` or `10:30`): the store's tokenizer folds
 * and splits it, so a store must pass it as a quoted string (FTS5 `"op-ed"`, PostgreSQL
 * `phraseto_tsquery`), never splice it into the expression raw. A one-word phrase is read as a
 * word, so `phrase.words` always has two or more entries.
 */
export type TextTerm =
  | { kind: 'word'; text: string; prefix: boolean }
  | { kind: 'phrase'; words: string[] }

/**
 * Records whose field has any of `values` (or, negated, none of them).
 * `type` values are publication type ids; `lang` values are lower-cased BCP 47 tags, meant to
 * match the tag itself and its more specific tags (`en` matches `en-US`); the other fields
 * keep the text as typed (whitespace collapsed), for the store to compare as it sees fit.
 */
export interface FieldFilter {
  field: ValueField
  values: string[]
  negated: boolean
}

/**
 * An inclusive range with either end open (never both). For `year` the ends are `YYYY`; for
 * `date` they are full days `YYYY-MM-DD`, a month or a year having been widened to its first
 * day (start) or its last day (end), so a store can compare ISO text directly.
 */
export interface DateRange {
  from?: string
  to?: string
}

/**
 * Records whose field falls in any of `ranges` (or, negated, in none of them). Ranges are a
 * list because repeated filters on one field are ORed: `year:2019 year:2021`.
 */
export interface RangeFilter {
  field: RangeField
  ranges: DateRange[]
  negated: boolean
}

export type QueryFilter = FieldFilter | RangeFilter

export interface SearchQuery {
  /**
   * AND of groups; each group is an OR of alternatives (`japan OR korea nuclear` is
   * `[[japan, korea], [nuclear]]`). This is conjunctive normal form, the shape both FTS5
   * (`(a OR b) AND c`) and tsquery (`(a | b) & c`) take directly. Empty in browse mode.
   */
  must: TextTerm[][]
  /**
   * Terms none of which may match. May be non-empty while `must` is empty (`-china`); FTS5
   * has no unary NOT, so a store then excludes the matches of `not` from everything.
   */
  not: TextTerm[]
  /**
   * ANDed. One entry per field and polarity: repeated filters on a field are merged into one
   * entry whose values or ranges are ORed, in the order they first appear.
   */
  filters: QueryFilter[]
  /** The words of the query, lower-cased, for highlighting and suggestions. */
  words: string[]
}

/** Parses what a user typed into the search box. Throws AppError('INVALID_INPUT') for what it cannot read. */
export function parseQuery(input: string): SearchQuery {
  const must: TextTerm[][] = []
  const not: TextTerm[] = []
  const filters = new FilterSet()
  // OR joins the positive text term before it to the one after it; anything else in between
  // (an exclusion, a filter) makes it dangling, and a dangling OR is ignored.
  let afterTerm = false
  let orPending = false

  for (const token of lex(input)) {
    switch (token.kind) {
      case 'or':
        if (afterTerm) orPending = true
        break
      case 'and':
        // AND is what juxtaposition means already; people type it anyway.
        break
      case 'text':
        if (token.negated) {
          not.push(...token.terms)
          afterTerm = orPending = false
        } else {
          token.terms.forEach((term, k) => {
            const last = must.at(-1)
            if (k === 0 && orPending && last) last.push(term)
            else must.push([term])
          })
          afterTerm = true
          orPending = false
        }
        break
      case 'filter':
        filters.add(token)
        afterTerm = orPending = false
        break
    }
  }

  const groups = simplify(must)
  return { must: groups, not: uniqueBy(not, termKey), filters: filters.list(), words: queryWords(groups) }
}

/** Whether a filter is a year or date range rather than a set of values. */
export function isRangeFilter(filter: QueryFilter): filter is RangeFilter {
  return (RANGE_FIELDS as readonly string[]).includes(filter.field)
}

// ---------------------------------------------------------------------------------------------
// Lexing

type Token =
  | { kind: 'or' }
  | { kind: 'and' }
  | { kind: 'text'; terms: TextTerm[]; negated: boolean }
  /** `raw` is the whole token as typed, for error messages. */
  | { kind: 'filter'; name: string; value: string; negated: boolean; raw: string }

/** Straight and typographic double quotes; editors and phones put in the latter. */
const QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E'])
const isQuote = (c: string | undefined) => c !== undefined && QUOTES.has(c)
const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c)

/**
 * `name:` at a token's start, with something other than a space right after the colon.
 * `name://` is a URL, not a field. Names are ASCII letters, so `Schröder:` or `10:30` is text.
 */
const FIELD_START = /([A-Za-z]+):(?!\/\/)(?=\S)/y

function lex(input: string): Token[] {
  const s = dropUnbalancedQuote(input)
  const tokens: Token[] = []
  let i = 0
  while (i < s.length) {
    if (isSpace(s[i])) {
      i++
      continue
    }
    const start = i
    // A leading '-' excludes; inside a word (`op-ed`) it is part of the word.
    const negated = s[i] === '-' && i + 1 < s.length && !isSpace(s[i + 1])
    if (negated) i++

    if (isQuote(s[i])) {
      const close = nextQuote(s, i + 1)
      tokens.push({ kind: 'text', negated, terms: phraseTerms(s.slice(i + 1, close)) })
      i = close + 1
      continue
    }

    FIELD_START.lastIndex = i
    const field = FIELD_START.exec(s)
    if (field) {
      let j = i + field[0].length
      let value: string
      if (isQuote(s[j])) {
        const close = nextQuote(s, j + 1)
        value = s.slice(j + 1, close)
        j = close + 1
      } else {
        const end = runEnd(s, j)
        value = s.slice(j, end)
        j = end
      }
      tokens.push({ kind: 'filter', name: field[1]!, value, negated, raw: s.slice(start, j) })
      i = j
      continue
    }

    const end = runEnd(s, i)
    const raw = s.slice(i, end)
    i = end
    // Operators are upper-case only, so a lower-case `or` is a word.
    if (!negated && raw === 'OR') tokens.push({ kind: 'or' })
    else if (!negated && raw === 'AND') tokens.push({ kind: 'and' })
    else tokens.push({ kind: 'text', negated, terms: wordTerms(raw) })
  }
  // A token that was all punctuation (`-`, `*`, `()`) is nothing, not even a break in an OR chain.
  return tokens.filter((t) => t.kind !== 'text' || t.terms.length > 0)
}

/** Quotes pair left to right, so with an odd count the last one is the stray: drop it. */
function dropUnbalancedQuote(s: string): string {
  let count = 0
  let last = -1
  for (let i = 0; i < s.length; i++) {
    if (isQuote(s[i])) {
      count++
      last = i
    }
  }
  return count % 2 === 1 ? s.slice(0, last) + s.slice(last + 1) : s
}

function nextQuote(s: string, from: number): number {
  let i = from
  while (i < s.length && !isQuote(s[i])) i++
  return i
}

/** The end of a bare run of characters: the next space or quote. */
function runEnd(s: string, from: number): number {
  let i = from
  while (i < s.length && !isSpace(s[i]) && !isQuote(s[i])) i++
  return i
}

// ---------------------------------------------------------------------------------------------
// Words

/**
 * Characters that are FTS5 or tsquery syntax and mean nothing to a reader: they separate words.
 * (`-`, `:`, `.`, `&`, `'` inside a word stay; the store's tokenizer decides what they do.)
 */
const SEPARATORS = /[\s()[\]{}^*<>|\\~`"\u201C\u201D\u201E]+/u
/** Punctuation at a word's edges (`japan,` `(korea)` `「尖閣」`); letters of every script, digits and marks stay. */
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+$/gu
/** A `*` right after the last letter or digit (`secur*`, `(secur*)`) makes a prefix. */
const PREFIX_STAR = /[\p{L}\p{N}\p{M}]\*[^\p{L}\p{N}\p{M}]*$/u

function pieces(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((p) => p.replace(EDGE_PUNCTUATION, ''))
    .filter((p) => p.length > 0)
}

/** A bare token: usually one word; syntax characters inside it split it into several. */
function wordTerms(raw: string): TextTerm[] {
  const prefix = PREFIX_STAR.test(raw)
  const parts = pieces(raw)
  return parts.map((text, k) => ({ kind: 'word', text, prefix: prefix && k === parts.length - 1 }))
}

function phraseTerms(body: string): TextTerm[] {
  const words = pieces(body)
  if (words.length === 0) return []
  if (words.length === 1) return [{ kind: 'word', text: words[0]!, prefix: false }]
  return [{ kind: 'phrase', words }]
}

const termKey = (t: TextTerm) => (t.kind === 'word' ? `w:${t.text}${t.prefix ? '*' : ''}` : `p:${t.words.join(' ')}`)

/**
 * Drops repeats: a term repeated within a group, a group repeated, and a group made redundant
 * by a one-term group (`a b a OR c` is `a AND b`, since `a` must match anyway).
 */
function simplify(must: TextTerm[][]): TextTerm[][] {
  const groups = uniqueBy(
    must.map((group) => uniqueBy(group, termKey)),
    (group) => group.map(termKey).sort().join('|'),
  )
  const required = new Set(groups.filter((g) => g.length === 1).map((g) => termKey(g[0]!)))
  return groups.filter((g) => g.length === 1 || !g.some((t) => required.has(termKey(t))))
}

function uniqueBy<T>(list: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>()
  return list.filter((item) => {
    const k = key(item)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

function queryWords(must: TextTerm[][]): string[] {
  const all = must.flat().flatMap((t) => (t.kind === 'word' ? [t.text] : t.words))
  return [...new Set(all.map((w) => w.toLowerCase()))]
}

// ---------------------------------------------------------------------------------------------
// Filters

class FilterSet {
  readonly #byKey = new Map<string, QueryFilter>()

  add(token: Extract<Token, { kind: 'filter' }>): void {
    const field = token.name.toLowerCase()
    if (!isQueryField(field)) {
      throw invalid(
        `unknown field "${token.name}" in "${token.raw}"; known fields: ${QUERY_FIELDS.join(', ')}` +
          ' (to search for the text itself, put it in quotes)',
      )
    }
    const value = token.value.trim().replace(/\s+/gu, ' ')
    // `type:""` names nothing to filter by.
    if (!value) return
    const key = `${token.negated ? '-' : ''}${field}`

    if (field === 'year' || field === 'date') {
      const range = field === 'year' ? yearRange(value, token.raw) : dateRange(value, token.raw)
      const filter = this.#byKey.get(key) as RangeFilter | undefined
      if (!filter) this.#byKey.set(key, { field, ranges: [range], negated: token.negated })
      else if (!filter.ranges.some((r) => r.from === range.from && r.to === range.to)) filter.ranges.push(range)
      return
    }

    const normalized = fieldValue(field, value, token.raw)
    const filter = this.#byKey.get(key) as FieldFilter | undefined
    if (!filter) this.#byKey.set(key, { field, values: [normalized], negated: token.negated })
    else if (!filter.values.includes(normalized)) filter.values.push(normalized)
  }

  list(): QueryFilter[] {
    return [...this.#byKey.values()]
  }
}

const isQueryField = (name: string): name is QueryField => (QUERY_FIELDS as readonly string[]).includes(name)

const invalid = (message: string) => new AppError('INVALID_INPUT', message, { field: 'q' })

/** BCP 47, as the record model accepts it; `_` (pt_BR, as locales write it) read as `-`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i

function fieldValue(field: ValueField, value: string, raw: string): string {
  switch (field) {
    case 'type': {
      // Ids, labels and aliases, also with `_` or `-` for spaces and the other way round
      // (`type:policy_brief`, `type:journal-article`, `type:"working paper"`).
      const id =
        findPublicationType(value) ??
        findPublicationType(value.replace(/[-_]+/g, ' ')) ??
        findPublicationType(value.replace(/[\s_]+/g, '-'))
      if (!id) throw invalid(`unknown publication type "${value}" in "${raw}"; known types: ${PUBLICATION_TYPE_IDS.join(', ')}`)
      return id
    }
    case 'lang': {
      const tag = value.replace(/_/g, '-')
      if (!LANGUAGE_TAG.test(tag)) throw invalid(`"${value}" in "${raw}" is not a language tag; use a tag such as en, de or pt-BR`)
      return tag.toLowerCase()
    }
    default:
      return value
  }
}

/** `2019..2023`, `..2020`, `2019..`, or one value meaning from = to. */
function rangeEnds(value: string): [string, string] {
  const at = value.indexOf('..')
  if (at < 0) return [value, value]
  return [value.slice(0, at).trim(), value.slice(at + 2).trim()]
}

function range(from: string | undefined, to: string | undefined): DateRange {
  const r: DateRange = {}
  if (from) r.from = from
  if (to) r.to = to
  return r
}

const YEAR_HELP = 'use year:2023, year:2019..2023, year:..2020 or year:2019..'

function yearRange(value: string, raw: string): DateRange {
  // `2019-2023` is how people write a span of years, and a year has no dashes to confuse it with.
  const dashed = /^(\d{4})\s*[-\u2013]\s*(\d{4})$/u.exec(value)
  const [from, to] = dashed ? [dashed[1]!, dashed[2]!] : rangeEnds(value)
  if (!from && !to) throw invalid(`malformed year "${value}" in "${raw}"; ${YEAR_HELP}`)
  for (const end of [from, to]) {
    if (end && !(/^\d{4}$/.test(end) && isValidPartialDate({ year: Number(end) }))) {
      throw invalid(`malformed year "${end}" in "${raw}"; ${YEAR_HELP}`)
    }
  }
  if (from && to && from > to) throw invalid(`year range "${value}" in "${raw}" starts after it ends`)
  return range(from, to)
}

const DATE_HELP = 'use a day, month or year such as date:2023-01-18, date:2023-01 or date:2023, or a range such as date:2023-01..2023-03'

function dateRange(value: string, raw: string): DateRange {
  const [fromText, toText] = rangeEnds(value)
  if (!fromText && !toText) throw invalid(`malformed date "${value}" in "${raw}"; ${DATE_HELP}`)
  const read = (text: string) => {
    // ISO prefixes, and the forms pages print ("Jan. 18, 2023", "January 2023") when quoted.
    const d = parsePartialDate(text)
    if (!d) throw invalid(`malformed date "${text}" in "${raw}"; ${DATE_HELP}`)
    return d
  }
  const from = fromText ? firstDay(read(fromText)) : undefined
  const to = toText ? lastDay(read(toText)) : undefined
  if (from && to && from > to) throw invalid(`date range "${value}" in "${raw}" starts after it ends`)
  return range(from, to)
}

const pad = (n: number) => String(n).padStart(2, '0')
const isoDay = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

function firstDay(d: PartialDate): string {
  return isoDay(d.year, d.month ?? 1, d.day ?? 1)
}

function lastDay(d: PartialDate): string {
  const month = d.month ?? 12
  return isoDay(d.year, month, d.day ?? daysInMonth(d.year, month))
}

/**
 * A parsed query's text terms as one engine's expressions: each OR group joined by `or`, the
 * groups by `and`; the excluded terms apart, joined by `or`. Undefined parts are absent.
 */
export function textExpressions(q: SearchQuery, term: (t: TextTerm) => string | undefined, ops: { and: string; or: string }): { must?: string; not?: string } {
  const groups = q.must
    .map((group) => group.map(term).filter((x): x is string => Boolean(x)))
    .filter((g) => g.length > 0)
    .map((g) => (g.length > 1 ? `(${g.join(ops.or)})` : g[0]!))
  const nots = q.not.map(term).filter((x): x is string => Boolean(x))
  return { must: groups.length ? groups.join(ops.and) : undefined, not: nots.length ? nots.join(ops.or) : undefined }
}

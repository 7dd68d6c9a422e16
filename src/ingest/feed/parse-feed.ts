import { createHash } from 'node:crypto'
import {
  DetectError,
  MalformedError,
  ParseError,
  parseFeed as parseAnyFeed,
  type AnyFeed,
  type AtomFeed,
  type JsonFeed,
  type MediaNs,
  type RdfFeed,
  type RssFeed,
} from 'feedsmith'
import { AppError } from '../../shared/index.js'
import { firstFeedDate } from './feed-date.js'
import {
  cleanAuthorNames,
  cleanLabels,
  htmlToText,
  inlineText,
  looksLikeHtml,
  plainText,
  textToHtml,
  withoutFeedFooter,
} from './feed-text.js'
import { isDescriptionFullText, isFullText } from './full-text.js'
import { looksLikeFeed, looksLikeHtmlPage } from './looks-like-feed.js'

/** One item of a feed, normalised across RSS, Atom, RDF and JSON Feed. */
export interface FeedEntry {
  /** Stable identity for incremental runs: the guid, Atom id or JSON Feed id, else the link. */
  key: string
  /** The entry's page, absolute (resolved against xml:base and the feed's address). */
  url?: string
  title?: string
  /** Display names, in the feed's order: no e-mail addresses, no leading "By". */
  authors: string[]
  /** ISO-8601 prefix at the precision stated (`2023-01-18`): the calendar day in the feed's own zone. */
  published?: string
  updated?: string
  /** Plain text, paragraphs separated by blank lines. */
  summary?: string
  /**
   * What the feed's full-text field holds (content:encoded, Atom content, content_html or
   * content_text as HTML), or a description long enough to be the article. It may still be a
   * teaser: `isTeaser` says whether it can stand for the piece.
   */
  contentHtml?: string
  /** True when the feed carries no full text (only a summary, a short excerpt or nothing): fetch the page. */
  isTeaser: boolean
  categories: string[]
}

export interface ParsedFeed {
  kind: 'rss' | 'atom' | 'rdf' | 'json'
  title?: string
  homeUrl?: string
  /** As the feed states it, in canonical case (`en-US`). */
  language?: string
  entries: FeedEntry[]
}

/** What each format contributes to an entry before the shared rules (keys, teasers) apply. */
interface EntryParts {
  id?: string
  link?: string
  title?: string
  bylines: (string | undefined)[]
  published?: string
  updated?: string
  summary?: string
  /** An HTML description that may turn out to be the full text (RSS, RDF). */
  descriptionHtml?: string
  contentHtml?: string
  categories: (string | undefined)[]
}

const unparseable = (message: string, feedUrl: string | undefined, cause?: unknown) =>
  new AppError('SOURCE_UNPARSEABLE', message, feedUrl ? { source: feedUrl } : {}, cause === undefined ? undefined : { cause })

/**
 * Reads an RSS 2.0 (and 0.9x), Atom (1.0 and 0.3), RDF/RSS 1.0 or JSON Feed (1.0, 1.1)
 * document. `feedUrl`, the address it was fetched from, resolves relative links. Throws
 * AppError SOURCE_UNPARSEABLE when the text is not a feed or is broken beyond reading.
 */
export function parseFeed(text: string, feedUrl?: string): ParsedFeed {
  const source = text.replace(/^\uFEFF/, '')
  if (!source.trim()) throw unparseable('the feed is empty', feedUrl)
  let parsed: AnyFeed<string>
  try {
    parsed = parseAnyFeed<string>(isJsonText(source) ? readJsonFeed(source) : source)
  } catch (err) {
    if (err instanceof AppError) throw err.at(feedUrl ? { source: feedUrl } : {})
    throw unparseable(explainFailure(source, err), feedUrl, err)
  }
  switch (parsed.format) {
    case 'rss':
      return fromRss(parsed.feed, feedUrl)
    case 'atom':
      return fromAtom(parsed.feed, feedUrl)
    case 'rdf':
      return fromRdf(parsed.feed, feedUrl)
    case 'json':
      return fromJson(parsed.feed, feedUrl)
  }
}

const isJsonText = (text: string) => /^\s*[[{]/.test(text)

/**
 * Parses JSON here rather than in feedsmith, for a precise message on broken JSON, and asks
 * for the "version" the JSON Feed spec requires: feedsmith takes any object with "items"
 * for a feed, and an API response is not one. looksLikeFeed applies the same test.
 */
function readJsonFeed(text: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new AppError('SOURCE_UNPARSEABLE', `the document is broken JSON: ${(err as Error).message}`, {}, { cause: err })
  }
  const version = (value as { version?: unknown } | null)?.version
  if (typeof version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\//.test(version)) {
    throw new AppError('SOURCE_UNPARSEABLE', 'the JSON document is not a JSON Feed (it has no "version": "https://jsonfeed.org/version/…")')
  }
  return value
}

function explainFailure(text: string, err: unknown): string {
  const what = 'expected RSS, Atom, RDF or JSON Feed'
  if (err instanceof MalformedError || err instanceof ParseError) {
    return `the feed is malformed and cannot be read (${err.message})`
  }
  if (!(err instanceof DetectError)) return `the feed cannot be read: ${err instanceof Error ? err.message : String(err)}`
  const start = text.trimStart()
  if (looksLikeHtmlPage(start)) return `the document is an HTML page, not a feed (${what})`
  if (isJsonText(start)) return `the JSON document is not a JSON Feed (${err.message})`
  if (looksLikeFeed(start)) return `the feed is malformed and cannot be read (${err.message})`
  if (start.startsWith('<')) return `the XML document is not a feed (${what})`
  return `the document is not a feed (${what})`
}

// ---- addresses ----

/** An absolute http(s) address, or undefined when `href` cannot become one. */
function absoluteUrl(href: string | undefined, base: string | undefined): string | undefined {
  const h = href?.trim()
  if (!h) return undefined
  try {
    const u = new URL(h, base)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined
  } catch {
    return undefined
  }
}

/** Resolves a (possibly relative) xml:base against the base above it; a base that fails is ignored. */
function nestedBase(xmlBase: string | undefined, outer: string | undefined): string | undefined {
  return absoluteUrl(xmlBase, outer) ?? outer
}

function canonicalLanguage(tag: string | undefined): string | undefined {
  const t = tag?.trim()
  if (!t) return undefined
  try {
    return Intl.getCanonicalLocales(t)[0] ?? t
  } catch {
    return t
  }
}

type AtomLink = { href?: string; rel?: string; type?: string }

/** The entry's page among Atom links: rel="alternate" (the default rel), HTML preferred. */
function alternateLink(links: AtomLink[] | undefined): string | undefined {
  const alternates = (links ?? []).filter((l) => l.href && (!l.rel || l.rel === 'alternate'))
  const html = alternates.find((l) => !l.type || /html/i.test(l.type))
  return (html ?? alternates[0])?.href
}

const selfLink = (links: AtomLink[] | undefined) => (links ?? []).find((l) => l.rel === 'self')?.href

// ---- shared entry rules ----

function finishEntry(parts: EntryParts, base: string | undefined): FeedEntry | undefined {
  const url = absoluteUrl(parts.link, base)
  let summary = parts.summary
  let contentHtml = parts.contentHtml?.trim() || undefined
  if (parts.descriptionHtml?.trim()) {
    const descriptionText = htmlToText(parts.descriptionHtml)
    const copiesContent = contentHtml !== undefined && descriptionText === htmlToText(contentHtml)
    if (isDescriptionFullText(descriptionText) || copiesContent) {
      // The description is the article (or the content again), not a summary: a record's
      // summary must not repeat the text, and the text must not be judged against itself.
      contentHtml ??= parts.descriptionHtml.trim()
    } else {
      summary = descriptionText || summary
    }
  }
  summary = cleanSummary(summary)
  const isTeaser = !isFullText(contentHtml, summary)
  // Excerpt-only feeds often leave the description empty and put the excerpt in the content field.
  if (!summary && isTeaser && contentHtml) summary = cleanSummary(htmlToText(contentHtml))

  const { title, published, updated } = parts
  const key = parts.id?.trim() || url || parts.link?.trim() || syntheticKey(title, published, summary, contentHtml)
  if (!key) return undefined
  return {
    key,
    ...(url && { url }),
    ...(title && { title }),
    authors: cleanAuthorNames(parts.bylines),
    ...(published && { published }),
    ...(updated && { updated }),
    ...(summary && { summary }),
    ...(contentHtml && { contentHtml }),
    isTeaser,
    categories: cleanLabels(parts.categories),
  }
}

/** A summary without the feed's furniture: the WordPress footer, "Read more" links, "[…]". */
function cleanSummary(text: string | undefined): string | undefined {
  if (!text) return undefined
  const cleaned = withoutFeedFooter(text)
    .replace(/\s*(?:\b(?:read more|continue reading)\b[^.!?\n]{0,80}[.!?»›→]*|\[\s*(?:…|\.\.\.)\s*\])\s*$/i, '')
    .trim()
  return cleaned || undefined
}

/**
 * An entry with neither id nor link still needs an identity that stays the same from run to
 * run: a digest of what it says. An entry that says nothing at all is dropped.
 */
function syntheticKey(...fields: (string | undefined)[]): string | undefined {
  if (!fields.some(Boolean)) return undefined
  const digest = createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 24)
  return `urn:dossier:feed-entry:${digest}`
}

function mediaSummary(media: MediaNs.ItemOrFeed | undefined): string | undefined {
  const d = media?.description ?? media?.groups?.find((g) => g.description)?.description
  if (!d?.value) return undefined
  return d.type === 'html' ? htmlToText(d.value) || undefined : plainText(d.value)
}

const mediaAuthors = (media: MediaNs.ItemOrFeed | undefined): string[] =>
  [...(media?.credits ?? []), ...(media?.groups ?? []).flatMap((g) => g.credits ?? [])]
    .filter((c) => !c.role || /author|creator|writer/i.test(c.role))
    .map((c) => c.value ?? '')

/** Bylines in preference order, falling back to media:credit only when nothing else names anyone. */
function bylinesWithMedia(primary: (string | undefined)[], media: MediaNs.ItemOrFeed | undefined): (string | undefined)[] {
  return primary.some((b) => b?.trim()) ? primary : mediaAuthors(media)
}

/** A summary or content that may be HTML or plain text, as JSON Feed summaries and unknown fields are. */
const textOfEitherKind = (s: string | undefined): string | undefined =>
  s === undefined ? undefined : looksLikeHtml(s) ? htmlToText(s) || undefined : plainText(s)

// ---- RSS 2.0 ----

function fromRss(feed: RssFeed.Feed<string>, feedUrl: string | undefined): ParsedFeed {
  // Without the fetch address, relative item links are best read against the feed's own
  // self link, then against the site it describes.
  const base = nestedBase(feed.xml?.base, feedUrl ?? absoluteUrl(selfLink(feed.atom?.links), undefined) ?? absoluteUrl(feed.link, undefined))
  const entries: FeedEntry[] = []
  for (const item of feed.items ?? []) {
    const itemBase = nestedBase(item.xml?.base, base)
    const guid = item.guid?.value?.trim()
    // A guid that is a permalink (the default) is the page's address when <link> is missing.
    const guidIsLink = guid && item.guid?.isPermaLink !== false && absoluteUrl(guid, undefined) ? guid : undefined
    const entry = finishEntry(
      {
        id: guid,
        link: item.link ?? alternateLink(item.atom?.links) ?? guidIsLink,
        title: inlineText(item.title ?? item.dc?.titles?.[0]),
        bylines: bylinesWithMedia(
          [
            ...(item.dc?.creators ?? []),
            ...(item.authors ?? []).map((a) => a.name),
            ...(item.atom?.authors ?? []).map((a) => a.name),
            ...(item.dcterms?.creators ?? []),
          ],
          item.media,
        ),
        published: firstFeedDate(item.pubDate, item.dc?.dates?.[0], item.dcterms?.issued?.[0], item.dcterms?.created?.[0], item.atom?.published),
        updated: firstFeedDate(item.dcterms?.modified?.[0], item.atom?.updated),
        summary: mediaSummary(item.media),
        descriptionHtml: item.description ?? item.dc?.descriptions?.[0],
        contentHtml: item.content?.encoded,
        categories: [...(item.categories ?? []).map((c) => c.name), ...(item.dc?.subjects ?? [])],
      },
      itemBase,
    )
    if (entry) entries.push(entry)
  }
  return withFeedFields(
    { kind: 'rss', entries },
    inlineText(feed.title),
    absoluteUrl(feed.link, base),
    feed.language ?? feed.dc?.languages?.[0] ?? feed.xml?.lang,
  )
}

// ---- RDF / RSS 1.0 ----

function fromRdf(feed: RdfFeed.Feed<string>, feedUrl: string | undefined): ParsedFeed {
  const base = nestedBase(feed.xml?.base, feedUrl ?? absoluteUrl(feed.link, undefined))
  const entries: FeedEntry[] = []
  for (const item of feed.items ?? []) {
    const entry = finishEntry(
      {
        // rdf:about is the item's identity in RSS 1.0 and is required; the link usually equals it.
        id: item.rdf?.about,
        link: item.link ?? item.rdf?.about,
        title: inlineText(item.title ?? item.dc?.titles?.[0]),
        bylines: bylinesWithMedia([...(item.dc?.creators ?? []), ...(item.dcterms?.creators ?? [])], item.media),
        published: firstFeedDate(item.dc?.dates?.[0], item.dcterms?.issued?.[0], item.dcterms?.created?.[0]),
        updated: firstFeedDate(item.dcterms?.modified?.[0]),
        summary: mediaSummary(item.media),
        descriptionHtml: item.description ?? item.dc?.descriptions?.[0],
        contentHtml: item.content?.encoded,
        categories: item.dc?.subjects ?? [],
      },
      nestedBase(item.xml?.base, base),
    )
    if (entry) entries.push(entry)
  }
  return withFeedFields(
    { kind: 'rdf', entries },
    inlineText(feed.title),
    absoluteUrl(feed.link, base),
    feed.dc?.languages?.[0] ?? feed.xml?.lang,
  )
}

// ---- Atom ----

/** An Atom text construct as plain text: type="text" is literal, "html" and "xhtml" are markup. */
function atomText(t: AtomFeed.Text | undefined): string | undefined {
  if (!t?.value) return undefined
  return t.type === 'html' || t.type === 'xhtml' ? htmlToText(t.value) || undefined : plainText(t.value)
}

/** Atom content as HTML; out-of-line content (src) and non-text media types carry no text here. */
function atomContentHtml(c: AtomFeed.Content | undefined): string | undefined {
  if (!c?.value?.trim() || c.src) return undefined
  const type = (c.type ?? 'text').toLowerCase()
  if (type === 'html' || type === 'xhtml' || /^(?:text\/html|application\/xhtml\+xml)$/.test(type)) return c.value
  if (type === 'text' || type.startsWith('text/')) return textToHtml(c.value)
  return undefined
}

function fromAtom(feed: AtomFeed.Feed<string>, feedUrl: string | undefined): ParsedFeed {
  const base = nestedBase(feed.xml?.base, feedUrl ?? absoluteUrl(selfLink(feed.links), undefined))
  const feedAuthors = (feed.authors ?? []).map((a) => a.name)
  const entries: FeedEntry[] = []
  for (const e of feed.entries ?? []) {
    // Atom entries inherit the authors of their source, else of the feed (RFC 4287, 4.2.1).
    const own = (e.authors ?? []).map((a) => a.name)
    const sourceAuthors = (e.source?.authors ?? []).map((a) => a.name)
    const bylines = own.length ? own : sourceAuthors.length ? sourceAuthors : feedAuthors
    const entry = finishEntry(
      {
        id: e.id,
        link: alternateLink(e.links),
        title: atomText(e.title),
        bylines: bylinesWithMedia([...bylines, ...(e.dc?.creators ?? [])], e.media),
        published: firstFeedDate(e.published, e.dcterms?.issued?.[0], e.dc?.dates?.[0]),
        updated: firstFeedDate(e.updated, e.dcterms?.modified?.[0]),
        summary: atomText(e.summary) ?? mediaSummary(e.media),
        contentHtml: atomContentHtml(e.content),
        categories: [...(e.categories ?? []).map((c) => c.label ?? c.term), ...(e.dc?.subjects ?? [])],
      },
      nestedBase(e.xml?.base, base),
    )
    if (entry) entries.push(entry)
  }
  return withFeedFields(
    { kind: 'atom', entries },
    atomText(feed.title),
    absoluteUrl(alternateLink(feed.links), base),
    feed.xml?.lang ?? feed.dc?.languages?.[0],
  )
}

// ---- JSON Feed ----

function fromJson(feed: JsonFeed.Feed<string>, feedUrl: string | undefined): ParsedFeed {
  const base = feedUrl ?? absoluteUrl(feed.feed_url, undefined) ?? absoluteUrl(feed.home_page_url, undefined)
  const feedAuthors = (feed.authors ?? []).map((a) => a.name)
  const entries: FeedEntry[] = []
  for (const item of feed.items ?? []) {
    const own = (item.authors ?? []).map((a) => a.name)
    const contentHtml = item.content_html ?? (item.content_text ? textToHtml(item.content_text) : undefined)
    const entry = finishEntry(
      {
        // JSON Feed ids may arrive as numbers from careless generators; the key is text.
        id: item.id === undefined || item.id === null ? undefined : String(item.id),
        // external_url is the piece's home when the feed merely links to it (an op-ed at its outlet).
        link: item.url ?? item.external_url,
        title: inlineText(item.title),
        bylines: own.length ? own : feedAuthors,
        published: firstFeedDate(item.date_published),
        updated: firstFeedDate(item.date_modified),
        summary: textOfEitherKind(item.summary),
        contentHtml,
        categories: item.tags ?? [],
      },
      base,
    )
    if (entry) entries.push(entry)
  }
  return withFeedFields({ kind: 'json', entries }, inlineText(feed.title), absoluteUrl(feed.home_page_url, base), feed.language)
}

function withFeedFields(
  { kind, entries }: Pick<ParsedFeed, 'kind' | 'entries'>,
  title: string | undefined,
  homeUrl: string | undefined,
  language: string | undefined,
): ParsedFeed {
  const lang = canonicalLanguage(language)
  return { kind, ...(title && { title }), ...(homeUrl && { homeUrl }), ...(lang && { language: lang }), entries }
}

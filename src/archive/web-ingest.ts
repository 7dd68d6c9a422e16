import { gunzipSync } from 'node:zlib'
import type { FeedEntry, HtmlExtraction, Provenance, SourceItem } from '../ingest/index.js'
import { decodeHtmlBytes, extractFromHtml, htmlToPlainText, looksLikeFeed, parseFeed, readSource } from '../ingest/index.js'
import type { PublicationDraft, PublicationInput } from '../model/index.js'
import { validatePublication } from '../model/index.js'
import { AppError, toAppError } from '../shared/index.js'

/** What the archive needs from the network: main/ passes the safe fetcher. */
export interface PageFetcher {
  fetch(url: string): Promise<{ url: string; text: string; contentType: string }>
}

/** One thing to ingest: an address to fetch, or a file already read. */
export type IngestInput = { kind: 'url'; url: string } | { kind: 'file'; name: string; bytes: Uint8Array }

/** A record found in an input, ready to store, or the reason there is none. */
export interface Extracted {
  ref: string
  draft?: PublicationDraft
  provenance?: Provenance
  error?: AppError
  /** Set for feed entries already in the archive: nothing was fetched. */
  known?: { id: string }
}

export interface ExtractOptions {
  fetcher?: PageFetcher
  /** The original address of file inputs (`dossier extract page.html --url …`). */
  url?: string
  excerptWords?: number
  /** For incremental feeds: the id of a stored record with this original URL, if any. */
  findByUrl?: (url: string) => Promise<string | undefined>
}

const HTML_FILE = /\.(x?html?|php|aspx?)(\.gz)?$/i

/**
 * Turns one input into records: a page gives one, a feed one per entry, a page-text or JSON
 * Lines file its records. Records come out one by one as they are ready, so the caller can
 * store each before the next page of a feed is fetched. Never throws: each failure is an
 * item with its reason.
 */
export async function* extractInput(input: IngestInput, options: ExtractOptions): AsyncGenerator<Extracted> {
  const ref = input.kind === 'url' ? input.url : input.name
  let items: AsyncIterable<Extracted> | Iterable<Extracted>
  try {
    if (input.kind === 'file') items = extractFile(input.name, input.bytes, options)
    else {
      if (!options.fetcher) throw new AppError('SOURCE_UNREACHABLE', 'fetching is not available here')
      const page = await options.fetcher.fetch(input.url)
      items = looksLikeFeed(page.text) ? extractFeed(page.text, page.url, options) : [fromHtml(ref, page.text, { ...options, url: page.url })]
    }
  } catch (err) {
    yield { ref, error: toAppError(err).at({ source: ref }) }
    return
  }
  yield* items
}

/** All the records of one input, for callers that want them together (`dossier extract`). */
export async function extractAll(input: IngestInput, options: ExtractOptions): Promise<Extracted[]> {
  const out: Extracted[] = []
  for await (const item of extractInput(input, options)) out.push(item)
  return out
}

function extractFile(name: string, raw: Uint8Array, options: ExtractOptions): AsyncIterable<Extracted> | Extracted[] {
  const bytes = name.endsWith('.gz') ? gunzipSync(raw) : raw
  if (HTML_FILE.test(name)) {
    const { text } = decodeHtmlBytes(bytes)
    return [fromHtml(name, text, options)]
  }
  const { text } = decodeHtmlBytes(bytes)
  if (looksLikeFeed(text)) return extractFeed(text, options.url, options)
  if (/^\s*<(!doctype html|html)/i.test(text)) return [fromHtml(name, text, options)]
  return readSource({ name, bytes }).map((item: SourceItem) => ({ ref: item.ref, draft: item.draft, error: item.error }))
}

function fromHtml(ref: string, html: string, options: ExtractOptions): Extracted {
  try {
    const result: HtmlExtraction = extractFromHtml(html, { url: options.url, excerptWords: options.excerptWords })
    return { ref, draft: result.draft, provenance: result.provenance }
  } catch (err) {
    return { ref, error: toAppError(err).at({ source: ref }) }
  }
}

async function* extractFeed(text: string, feedUrl: string | undefined, options: ExtractOptions): AsyncGenerator<Extracted> {
  const feed = parseFeed(text, feedUrl)
  for (const entry of feed.entries) {
    const ref = entry.url ?? `${feedUrl ?? 'feed'}#${entry.key}`
    const knownId = entry.url && options.findByUrl ? await options.findByUrl(entry.url) : undefined
    if (knownId) {
      yield { ref, known: { id: knownId } }
      continue
    }
    yield await extractEntry(ref, entry, options)
  }
}

/**
 * A feed entry with only a teaser is completed from its page; one with full text is taken as
 * it is. What the feed states (authors, date) fills what the page leaves out.
 */
async function extractEntry(ref: string, entry: FeedEntry, options: ExtractOptions): Promise<Extracted> {
  try {
    const fromFeed: PublicationInput = { title: entry.title ?? '' }
    if (entry.authors.length > 0) fromFeed.authors = entry.authors
    if (entry.published) fromFeed.published = entry.published
    if (entry.summary) fromFeed.summary = entry.summary
    if (entry.url) fromFeed.url = entry.url
    if (entry.isTeaser && entry.url && options.fetcher) {
      const page = await options.fetcher.fetch(entry.url)
      const fromPage = fromHtml(ref, page.text, { ...options, url: page.url })
      if (!fromPage.draft) return fromPage
      const merged = { ...fromFeed, ...withoutUndefined(fromPage.draft) }
      return { ref, draft: validatePublication(merged), provenance: fromPage.provenance }
    }
    if (entry.contentHtml) fromFeed.body = { text: htmlToPlainText(entry.contentHtml), isExcerpt: entry.isTeaser }
    return { ref, draft: validatePublication(fromFeed), provenance: { title: 'feed' } as Provenance }
  } catch (err) {
    return { ref, error: toAppError(err).at({ source: ref }) }
  }
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

import { parseHTML } from 'linkedom'
import type { Body, PublicationDraft, PublicationInput } from '../../model/index.js'
import { validatePublication } from '../../model/index.js'
import { AppError } from '../../shared/index.js'
import { toExcerpt } from '../excerpt.js'
import { extractBody } from './extract-body.js'
import { extractMetadata, type MetadataSource, type PageMetadata } from './metadata/index.js'

export interface HtmlExtractOptions {
  /** The page's address, when known: resolves relative links and names the outlet. */
  url?: string
  /** Keep an excerpt of at most this many words (ending at a sentence) instead of the full text. */
  excerptWords?: number
}

/** Which source gave each field of the draft: editors see it beside the value. */
export type Provenance = Partial<Record<keyof PublicationInput, MetadataSource | 'readability' | 'given' | 'feed'>>

export interface HtmlExtraction {
  draft: PublicationDraft
  provenance: Provenance
  body?: Body
}

/**
 * An HTML page -> a validated draft record: metadata from every source the page carries, and
 * the main text (or an excerpt). Pure apart from parsing; nothing is fetched or stored.
 * @throws AppError SOURCE_UNPARSEABLE when the page yields no title at all.
 */
export function extractFromHtml(html: string, options: HtmlExtractOptions = {}): HtmlExtraction {
  const { document } = parseHTML(html)
  const doc = document as unknown as Document
  // Metadata first: Readability rewrites the document it reads.
  const meta = extractMetadata(doc, options.url, html)
  const extracted = extractBody(doc)

  const input: PublicationInput = { title: '' }
  const provenance: Provenance = {}
  const take = <K extends keyof PageMetadata & keyof PublicationInput>(field: K, target: keyof PublicationInput = field) => {
    const found = meta[field] as { value: unknown; source: MetadataSource } | undefined
    if (found?.value !== undefined && found.value !== '') {
      ;(input as Record<string, unknown>)[target] = found.value
      provenance[target] = found.source
    }
  }
  take('title')
  take('authors')
  take('published')
  take('modified')
  take('outlet')
  take('summary')
  take('language')
  take('type')
  take('volume')
  take('issue')
  take('pages')
  if (meta.url?.value) {
    input.url = meta.url.value
    provenance.url = meta.url.source
  } else if (options.url) {
    input.url = options.url
    provenance.url = 'given'
  }
  if (meta.doi?.value) {
    input.identifiers = { doi: meta.doi.value }
    provenance.identifiers = meta.doi.source
  }
  if (meta.publisher?.value) {
    input.publishers = [meta.publisher.value]
    provenance.publishers = meta.publisher.source
  }
  if (!input.title) throw new AppError('SOURCE_UNPARSEABLE', 'has no title in its metadata, headings or <title>', { field: 'title' })

  let body: Body | undefined
  if (extracted) {
    body = options.excerptWords ? toExcerpt(extracted.text, options.excerptWords) : { text: extracted.text, isExcerpt: false }
    input.body = body
    provenance.body = 'readability'
  }
  return { draft: validateLeniently(input, provenance), provenance, body }
}

/**
 * A page's optional metadata can be malformed (a language tag of "english", a date of "0000").
 * One bad optional field must not cost the whole record: such a field is dropped, with its
 * provenance, and the rest is validated as usual.
 */
function validateLeniently(input: PublicationInput, provenance: Provenance): PublicationDraft {
  const fields = { ...input } as Record<string, unknown>
  for (;;) {
    try {
      return validatePublication(fields)
    } catch (err) {
      const field = err instanceof AppError ? err.location.field?.split('.')[0] : undefined
      if (!field || field === 'title' || !(field in fields)) throw err
      delete fields[field]
      delete provenance[field as keyof Provenance]
    }
  }
}

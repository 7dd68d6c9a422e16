import type { Contributor, PublicationTypeId } from '../../../model/index.js'

/** Where a metadata value was read; editors see it beside the value. */
export type MetadataSource =
  | 'json-ld'
  | 'highwire'
  | 'dublin-core'
  | 'prism'
  | 'opengraph'
  | 'twitter'
  | 'meta'
  | 'microdata'
  | 'time-element'
  | 'byline'
  | 'heading'
  | 'title-element'
  | 'canonical'
  | 'html-lang'
  | 'url'
  | 'domain'

export interface Sourced<T> {
  value: T
  source: MetadataSource
}

/** Everything a page says about itself, one reconciled value per field. */
export interface PageMetadata {
  title?: Sourced<string>
  authors?: Sourced<Contributor[]>
  /** ISO-8601 prefix at the precision the page gives: 2020, 2020-05, 2020-05-21. */
  published?: Sourced<string>
  modified?: Sourced<string>
  outlet?: Sourced<string>
  summary?: Sourced<string>
  url?: Sourced<string>
  language?: Sourced<string>
  type?: Sourced<PublicationTypeId>
  doi?: Sourced<string>
  volume?: Sourced<string>
  issue?: Sourced<string>
  pages?: Sourced<string>
  publisher?: Sourced<string>
  keywords?: Sourced<string[]>
}

/** One raw value offered for a field, before reconciliation. */
export interface Candidate {
  value: string
  source: MetadataSource
}

import type { Contributor, Publication, PublicationTypeId } from '../model/index.js'
import { parsePartialDate, publicationTypeLabel } from '../model/index.js'

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export type CslItem = Record<string, unknown> & { id: string; type: string }

interface CslName {
  family?: string
  given?: string
  'non-dropping-particle'?: string
  suffix?: string
  literal?: string
  'static-ordering'?: boolean
}

// The CSL item type decides how every style lays the entry out. Op-eds and analysis pieces
// appear in newspapers and magazines, so they cite as newspaper articles; briefs and working
// papers are reports with a genre.
const CSL_TYPES: Record<PublicationTypeId, string> = {
  'analysis-opinions': 'article-newspaper',
  'op-ed': 'article-newspaper',
  'journal-article': 'article-journal',
  report: 'report',
  'policy-brief': 'report',
  'working-paper': 'report',
  testimony: 'speech',
  speech: 'speech',
  book: 'book',
  'book-chapter': 'chapter',
  'newspaper-article': 'article-newspaper',
  'magazine-article': 'article-magazine',
  'blog-post': 'post-weblog',
  podcast: 'broadcast',
  video: 'motion_picture',
  other: 'document',
}

const GENRE_TYPES = new Set<PublicationTypeId>(['report', 'policy-brief', 'working-paper', 'testimony', 'podcast'])

export function toCslName(c: Contributor): CslName {
  if (c.kind === 'organization') return { literal: c.name }
  const name: CslName = { family: c.family }
  if (c.given) name.given = c.given
  if (c.particle) name['non-dropping-particle'] = c.particle
  if (c.suffix) name.suffix = c.suffix
  if (c.familyFirst) name['static-ordering'] = true
  return name
}

function dateParts(iso: string): { 'date-parts': number[][] } | undefined {
  const d = parsePartialDate(iso.slice(0, 10))
  if (!d) return undefined
  const parts = [d.year]
  if (d.month !== undefined) parts.push(d.month)
  if (d.month !== undefined && d.day !== undefined) parts.push(d.day)
  return { 'date-parts': [parts] }
}

/** The record as CSL-JSON, the common input of citation styles, BibTeX and RIS output. */
export function toCslItem(p: Publication): CslItem {
  const item: CslItem = { id: p.id, type: CSL_TYPES[p.type] }
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) item[key] = value
  }
  set('title', p.subtitle ? `${p.title}: ${p.subtitle}` : p.title)
  set('author', p.authors.map(toCslName))
  set('container-title', p.outlet)
  set('publisher', p.publishers.length > 0 ? p.publishers.join('; ') : undefined)
  if (GENRE_TYPES.has(p.type)) set('genre', publicationTypeLabel(p.type))
  set('issued', p.published ? dateParts(p.published) : undefined)
  set('URL', p.url)
  set('DOI', p.identifiers.doi)
  set('ISBN', p.identifiers.isbn)
  set('ISSN', p.identifiers.issn)
  set('number', p.identifiers.reportNumber)
  set('volume', p.volume)
  set('issue', p.issue)
  set('page', p.pages)
  set('language', p.language)
  set('abstract', p.summary)
  set('keyword', p.topics.length > 0 ? p.topics.join(', ') : undefined)
  return item
}

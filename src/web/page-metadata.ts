import type { Contributor, Publication, PublicationTypeId } from '../model/index.js'
import { displayName, publicationTypeLabel } from '../model/index.js'
import { html, raw, type Html } from './html.js'

/**
 * What reference managers and search engines read from a publication page: Highwire Press
 * tags (Zotero's Embedded Metadata translator and Google Scholar), Dublin Core, `z.itemType`,
 * OpenGraph, schema.org JSON-LD and the canonical link. The item type must come out right:
 * `citation_journal_title` only ever appears on journal articles, since Zotero takes it as
 * the mark of one.
 */

const ZOTERO_TYPES: Record<PublicationTypeId, string> = {
  'analysis-opinions': 'newspaperArticle',
  'op-ed': 'newspaperArticle',
  'journal-article': 'journalArticle',
  report: 'report',
  'policy-brief': 'report',
  'working-paper': 'report',
  testimony: 'hearing',
  speech: 'presentation',
  book: 'book',
  'book-chapter': 'bookSection',
  'newspaper-article': 'newspaperArticle',
  'magazine-article': 'magazineArticle',
  'blog-post': 'blogPost',
  podcast: 'podcast',
  video: 'videoRecording',
  other: 'webpage',
}

const SCHEMA_TYPES: Partial<Record<PublicationTypeId, string>> = {
  'analysis-opinions': 'OpinionNewsArticle',
  'op-ed': 'OpinionNewsArticle',
  'journal-article': 'ScholarlyArticle',
  report: 'Report',
  'policy-brief': 'Report',
  'working-paper': 'Report',
  'newspaper-article': 'NewsArticle',
  'magazine-article': 'Article',
  'blog-post': 'BlogPosting',
  book: 'Book',
  'book-chapter': 'Chapter',
  podcast: 'PodcastEpisode',
  video: 'VideoObject',
}

const REPORTS = new Set<PublicationTypeId>(['report', 'policy-brief', 'working-paper'])

/** "Family, Given" as Highwire and Dublin Core expect; organisations as they are named. */
function invertedName(c: Contributor): string {
  if (c.kind === 'organization') return c.name
  const family = [c.particle, c.family].filter(Boolean).join(' ')
  return c.given ? `${family}, ${c.given}` : family
}

const meta = (name: string, content: string | undefined) => (content ? html`<meta name="${name}" content="${content}">\n` : '')
const property = (name: string, content: string | undefined) => (content ? html`<meta property="${name}" content="${content}">\n` : '')

export function zoteroItemType(type: PublicationTypeId): string {
  return ZOTERO_TYPES[type]
}

export function publicationMetadata(p: Publication, pageUrl: string, siteName: string): Html {
  const date = p.published?.replace(/-/g, '/')
  const [first, last] = (p.pages ?? '').split(/[-–]/)
  const isJournal = p.type === 'journal-article'
  const isReport = REPORTS.has(p.type)
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': SCHEMA_TYPES[p.type] ?? 'Article',
    headline: p.title,
    name: p.title,
    ...(p.summary ? { description: p.summary } : {}),
    author: p.authors.map((a) => (a.kind === 'organization' ? { '@type': 'Organization', name: a.name } : { '@type': 'Person', name: displayName(a), familyName: [a.particle, a.family].filter(Boolean).join(' '), ...(a.given ? { givenName: a.given } : {}) })),
    ...(p.published ? { datePublished: p.published } : {}),
    ...(p.outlet ? { publisher: { '@type': 'Organization', name: p.outlet } } : {}),
    ...(p.language ? { inLanguage: p.language } : {}),
    url: pageUrl,
    ...(p.url ? { sameAs: p.url } : {}),
    ...(p.identifiers.doi ? { identifier: `https://doi.org/${p.identifiers.doi}` } : {}),
  }
  // A JSON-LD block must not contain "</script>": "<" is written as \u003c.
  const ld = JSON.stringify(jsonLd).replace(/</g, '\\u003c')
  return html`<link rel="canonical" href="${pageUrl}">
${meta('citation_title', p.title)}${p.authors.map((a) => meta('citation_author', invertedName(a)))}${meta('citation_publication_date', date)}${meta('citation_abstract', p.summary)}${meta('citation_public_url', pageUrl)}${meta('citation_language', p.language)}${meta('citation_doi', p.identifiers.doi)}${
    isJournal ? html`${meta('citation_journal_title', p.outlet)}${meta('citation_volume', p.volume)}${meta('citation_issue', p.issue)}${meta('citation_firstpage', first)}${meta('citation_lastpage', last)}` : ''
  }${isReport ? html`${meta('citation_technical_report_institution', p.publishers[0] ?? p.outlet)}${meta('citation_technical_report_number', p.identifiers.reportNumber)}` : ''}${meta('DC.title', p.title)}${p.authors.map((a) => meta('DC.creator', invertedName(a)))}${meta('DC.date', p.published)}${meta('DC.type', publicationTypeLabel(p.type))}${meta('DC.source', p.outlet)}${meta('DC.description', p.summary)}${meta('DC.language', p.language)}${meta('DC.identifier', p.url ?? pageUrl)}${p.publishers.map((x) => meta('DC.publisher', x))}${meta('z.itemType', ZOTERO_TYPES[p.type])}${property('og:type', 'article')}${property('og:title', p.title)}${property('og:description', p.summary)}${property('og:url', pageUrl)}${property('og:site_name', siteName)}${property('article:published_time', p.published)}${p.authors.map((a) => property('article:author', displayName(a)))}<script type="application/ld+json">${raw(ld)}</script>`
}

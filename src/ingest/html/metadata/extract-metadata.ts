import { formatIsoPartialDate, parseInvertedName, parsePersonName, type Contributor, type PartialDate, type PublicationTypeId } from '../../../model/index.js'
import { nameFromProfileUrl, namesFromByline, type NameOptions } from './authors.js'
import { dateFromUrl, findDate, parseDateValue, siteUtcOffset } from './dates.js'
import { readJsonLd, type JsonLdArticle } from './json-ld.js'
import { MetaTags, sourceOfMetaName } from './meta-tags.js'
import { outletFromDomain } from './outlets.js'
import { bylines, headings, microdata, timeMarks, visibleText } from './page-elements.js'
import type { Candidate, MetadataSource, PageMetadata, Sourced } from './types.js'

/**
 * Every metadata source a page carries, reconciled field by field. The precedence, strongest
 * first, is the same for every field: structured data written for machines (JSON-LD, then the
 * scholarly Highwire and PRISM tags, then Dublin Core), then social cards (OpenGraph, Twitter),
 * then generic <meta>, then what the visible page shows (microdata, <time>, bylines, the
 * headline), then the URL. Fields are checked as they are read, so a malformed strong source
 * falls through to the next one instead of winning.
 */
export function extractMetadata(document: Document, pageUrl?: string, html?: string): PageMetadata {
  const page = new PageSource(document, html)
  const meta = new MetaTags(document)
  const ld = readJsonLd(document, pageUrl)
  const fromMeta = (...names: string[]): Candidate[] =>
    names.flatMap((n) => meta.all(n).map((value) => ({ value, source: sourceOfMetaName(n) })))
  const fromLd = (value: string | undefined): Candidate[] => (value ? [{ value, source: 'json-ld' }] : [])

  const url = pickUrl(document, meta, ld, pageUrl)
  const outlet = pickOutlet(meta, ld, url?.value ?? pageUrl)
  const siteNames = [outlet?.value, meta.first('og:site_name'), meta.first('application-name'), ld?.siteName, ld?.publisher]
    .filter((s): s is string => Boolean(s))
  const title = pickTitle(document, meta, ld, siteNames, url?.value ?? pageUrl)
  const type = pickType(meta, ld, url?.value ?? pageUrl)

  return {
    title,
    authors: pickAuthors(page, meta, ld, siteNames, title?.value),
    published: pickPublished(page, meta, ld, url?.value ?? pageUrl, title?.value),
    modified: firstDate([...fromLd(ld?.dateModified), ...fromMeta('article:modified_time', 'og:updated_time', 'dcterms.modified', 'dc.date.modified', 'last-modified', 'datemodified')]),
    outlet,
    summary: firstText([...fromMeta('og:description'), ...fromLd(ld?.description), ...fromMeta('description', 'twitter:description', 'dc.description', 'dcterms.abstract', 'dcterms.description', 'citation_abstract')], 5000),
    url,
    language: pickLanguage(document, meta, ld),
    type,
    doi: pickDoi(meta, ld),
    volume: firstText([...fromMeta('citation_volume', 'prism.volume'), ...fromLd(ld?.volume)], 50),
    issue: firstText([...fromMeta('citation_issue', 'prism.number', 'prism.issueidentifier'), ...fromLd(ld?.issue)], 50),
    pages: pickPages(meta, ld),
    publisher: pickPublisher(meta, ld, outlet?.value, type?.value),
    keywords: pickKeywords(meta, ld),
  }
}

/** The parsed page, with the whole-page views some fields need computed once and only if needed. */
class PageSource {
  #html: string | undefined
  #visible = new Map<string, ReturnType<typeof visibleText>>()

  constructor(
    readonly document: Document,
    html?: string,
  ) {
    this.#html = html
  }

  /** The page's markup, as given, or serialised from the document when it was not. */
  html(): string {
    return (this.#html ??= this.document.documentElement?.outerHTML ?? '')
  }

  visibleText(headline: string | undefined): ReturnType<typeof visibleText> {
    const key = headline ?? ''
    let found = this.#visible.get(key)
    if (!found) this.#visible.set(key, (found = visibleText(this.document, headline)))
    return found
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')

function firstText(candidates: Candidate[], maxLength: number): Sourced<string> | undefined {
  for (const c of candidates) {
    const value = squash(c.value)
    if (value && value.length <= maxLength) return { value, source: c.source }
  }
  return undefined
}

function firstDate(candidates: Candidate[]): Sourced<string> | undefined {
  for (const c of candidates) {
    const d = parseDateValue(c.value)
    if (d) return { value: formatIsoPartialDate(d), source: c.source }
  }
  return undefined
}

// ---- url ----

function pickUrl(document: Document, meta: MetaTags, ld: JsonLdArticle | undefined, pageUrl?: string): Sourced<string> | undefined {
  const candidates: Candidate[] = []
  const canonical = document.querySelector('link[rel~="canonical" i]')?.getAttribute('href')
  if (canonical) candidates.push({ value: canonical, source: 'canonical' })
  for (const v of meta.all('og:url')) candidates.push({ value: v, source: 'opengraph' })
  if (ld?.url) candidates.push({ value: ld.url, source: 'json-ld' })
  const given = pageUrl ? safeUrl(pageUrl) : undefined
  for (const c of candidates) {
    const u = safeUrl(c.value, pageUrl)
    if (!u || !/^https?:$/.test(u.protocol)) continue
    // A canonical pointing at the home page is a template bug, not the article's address.
    if (given && u.pathname.replace(/\/$/, '') === '' && given.pathname.replace(/\/$/, '') !== '') continue
    return { value: u.href, source: c.source }
  }
  return undefined
}

function safeUrl(value: string, base?: string): URL | undefined {
  try {
    return new URL(value.trim(), base)
  } catch {
    return undefined
  }
}

// ---- outlet ----

function pickOutlet(meta: MetaTags, ld: JsonLdArticle | undefined, url?: string): Sourced<string> | undefined {
  const found = firstText(
    [
      ...meta.all('citation_journal_title').map((value) => ({ value, source: 'highwire' as const })),
      ...meta.all('prism.publicationname').map((value) => ({ value, source: 'prism' as const })),
      ...meta.all('og:site_name').map((value) => ({ value, source: 'opengraph' as const })),
      ...(ld?.publisher ? [{ value: ld.publisher, source: 'json-ld' as const }] : []),
      ...(ld?.siteName ? [{ value: ld.siteName, source: 'json-ld' as const }] : []),
      ...meta.all('application-name', 'twitter:app:name:iphone').map((value) => ({ value, source: 'meta' as const })),
    ],
    150,
  )
  if (found) return found
  const known = outletFromDomain(url)
  return known ? { value: known, source: 'domain' } : undefined
}

// ---- title ----

const TITLE_SEPARATORS = /\s+[|–—·•»:«/\\-]\s+|\s+[|·•»]\s*|\s*[|·•»]\s+/

/** Removes a site name before or after a separator: "Headline | The Diplomat" -> "Headline". */
export function stripSiteName(title: string, siteNames: string[], url?: string): string {
  const parts = title.split(TITLE_SEPARATORS)
  if (parts.length < 2) return title
  let host = ''
  try {
    host = url ? fold(new URL(url).hostname.replace(/^www\./, '').replace(/\.[a-z]+$/, '')) : ''
  } catch {
    // no host to compare with
  }
  const names = siteNames.map(fold).filter(Boolean)
  const isSite = (part: string) => {
    const f = fold(part)
    if (!f) return true
    return names.some((n) => n === f || (f.length > 3 && (n.includes(f) || f.includes(n)))) || Boolean(host && (f === host || f.includes(host) || host.includes(f)))
  }
  let start = 0
  let end = parts.length
  while (end - start > 1 && isSite(parts[end - 1]!)) end--
  while (end - start > 1 && isSite(parts[start]!)) start++
  if (start === 0 && end === parts.length) return title
  // Rebuild from the original string so the headline keeps its own punctuation.
  const first = parts[start]!
  const last = parts[end - 1]!
  const from = title.indexOf(first)
  const to = title.lastIndexOf(last) + last.length
  return from >= 0 && to > from ? title.slice(from, to).trim() : title
}

/**
 * A <title> that still holds unrecognised site furniture ("Headline - Section - Site",
 * "Question | Topic | Forum") keeps its longest part: the headline is nearly always longer
 * than the section and site names around it.
 */
function longestSegment(title: string): string {
  const parts = title.split(/\s+[|–—-]\s+|\s+::\s+/).map((p) => p.trim()).filter(Boolean)
  if (parts.length < 2) return title
  return parts.reduce((a, b) => (b.length > a.length ? b : a))
}

function pickTitle(document: Document, meta: MetaTags, ld: JsonLdArticle | undefined, siteNames: string[], url?: string): Sourced<string> | undefined {
  const metaCandidates: Candidate[] = [
    ...(ld?.headline ? [{ value: ld.headline, source: 'json-ld' as const }] : []),
    ...meta.all('citation_title').map((value) => ({ value, source: 'highwire' as const })),
    ...meta.all('og:title').map((value) => ({ value, source: 'opengraph' as const })),
    ...meta.all('twitter:title').map((value) => ({ value, source: 'twitter' as const })),
    ...meta.all('dc.title', 'dcterms.title').map((value) => ({ value, source: 'dublin-core' as const })),
    ...meta.all('headline', 'title', 'sailthru.title', 'parsely-title').map((value) => ({ value, source: 'meta' as const })),
  ]
  const titleElement = squash(document.querySelector('head title')?.textContent ?? document.querySelector('title')?.textContent ?? '')
  const h1s = headings(document)
  const cleaned = metaCandidates
    .map((c) => ({ value: stripSiteName(squash(c.value), siteNames, url), source: c.source }))
    .filter((c) => c.value.length > 1 && c.value.length < 400 && fold(c.value) !== '' && !siteNames.some((s) => fold(s) === fold(c.value)))
  // The headline the reader sees settles disagreements between metadata sources. A metadata
  // title may carry a kicker the page sets apart ("Brexit: Johnson loses vote"): the part
  // after the first separator is tried too.
  // When they agree, the page's own typography (dashes, quotes, capitals) is kept.
  const byFold = new Map(h1s.map((h) => [fold(h), h]))
  for (const c of cleaned) {
    const seen = byFold.get(fold(c.value))
    if (seen) return { value: seen, source: seen === c.value ? c.source : 'heading' }
  }
  for (const c of cleaned) {
    const m = /^(.{2,80}?)(?:\s[-–—|:]\s|:\s)(.+)$/.exec(c.value)
    const seen = m && byFold.get(fold(m[2]!))
    if (seen) return { value: seen, source: seen === m[2]!.trim() ? c.source : 'heading' }
  }
  if (titleElement) {
    const stripped = stripSiteName(titleElement, siteNames, url)
    for (const h of h1s) if (fold(h) === fold(stripped)) return { value: h, source: 'heading' }
    // An <h1> that the <title> starts with is the headline with the site name cut off.
    for (const h of h1s) if (fold(h).length > 10 && fold(titleElement).startsWith(fold(h))) return { value: h, source: 'heading' }
  }
  if (cleaned[0]) return cleaned[0]
  // A headline the page marks as such, or its only <h1>, beats a <title> that does not contain it.
  const marked = document.querySelector('[itemprop~="headline"]')
  // (Not a one- or two-word <h1> that is the site's logo while the <title> says more.)
  const logoLike = (h: string) => h.split(' ').length <= 2 && titleElement.length > h.length
  if (h1s[0] && (marked || (document.querySelectorAll('h1').length === 1 && !logoLike(h1s[0])))) return { value: h1s[0], source: marked ? 'microdata' : 'heading' }
  if (titleElement) {
    const stripped = longestSegment(stripSiteName(titleElement, siteNames, url))
    if (stripped && !siteNames.some((s) => fold(s) === fold(stripped))) return { value: stripped, source: 'title-element' }
  }
  if (h1s[0]) return { value: h1s[0], source: 'heading' }
  return titleElement ? { value: titleElement, source: 'title-element' } : undefined
}

// ---- authors ----

function pickAuthors(page: PageSource, meta: MetaTags, ld: JsonLdArticle | undefined, siteNames: string[], headline?: string): Sourced<Contributor[]> | undefined {
  const { document } = page
  const toPeople = (names: string[]): Contributor[] => names.map((n) => parsePersonName(n))
  const strong = { notNames: siteNames, allowHandles: true }
  const loose = { notNames: siteNames }
  if (ld?.authors.length) {
    const people = ld.authors.filter((a) => !a.isOrganization).flatMap((a) => namesFromByline(a.name, strong))
    if (people.length) return { value: toPeople(dedupe(people)), source: 'json-ld' }
  }
  const highwire = meta.all('citation_author', 'dc.creator', 'dcterms.creator', 'prism.author')
  if (highwire.length) {
    const source = meta.all('citation_author').length ? 'highwire' : 'dublin-core'
    // Scholarly tags write "Family, Given" one tag per author.
    const people = highwire.map((raw) => (/^[^,]+,\s*[^,]+$/.test(raw.trim()) ? parseInvertedName(raw) : undefined))
    if (people.every(Boolean) && people.length) return { value: people as Contributor[], source }
    const names = dedupe(highwire.flatMap((raw) => namesFromByline(raw, strong)))
    if (names.length) return { value: toPeople(names), source }
  }
  const ordered: [MetadataSource, string[]][] = [
    ['opengraph', meta.all('article:author', 'og:article:author').map((v) => nameFromProfileUrl(v) ?? v)],
    ['meta', meta.all('author', 'parsely-author', 'sailthru.author', 'byl', 'byline', 'dc.contributor')],
    ['microdata', [...document.querySelectorAll('[itemprop~="author"]:not(meta)')].map((e) => {
      const name = e.querySelector('[itemprop~="name"]')
      return squash(name?.getAttribute('content') || name?.textContent || e.getAttribute('content') || e.textContent || '')
    })],
    ['twitter', twitterLabelled(meta, /^(written by|author|autor|by)$/i)],
  ]
  for (const [source, raws] of ordered) {
    const names = dedupe(raws.flatMap((raw) => namesFromByline(raw, strong)))
    if (names.length) return { value: toPeople(names), source }
  }
  for (const group of bylines(document)) {
    const options = group[0]!.marked ? strong : loose
    // The first byline element with a name is the article's; its siblings are co-authors.
    // Further elements of the same kind elsewhere are author cards of other stories.
    const first = group.findIndex((e) => e.texts.some((t) => namesFromByline(t, options).length))
    if (first < 0) continue
    const parent = group[first]!.parent
    const elements = group.filter((e, i) => i === first || (i > first && parent && e.parent === parent))
    const names = dedupe(elements.flatMap((e) => namesFromOneByline(e.texts, options)))
    if (names.length) return { value: toPeople(names.slice(0, 8)), source: 'byline' }
  }
  // Last, a byline written as plain text just under the headline: "von Jane Doe".
  if (headline) {
    const { text, headlineAt } = page.visibleText(headline)
    if (headlineAt >= 0) {
      const after = text.slice(headlineAt + headline.length, headlineAt + headline.length + 600)
      const m = /(?:^|[\s|(–—-])(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor)[^\S\n]+(\p{Lu}[\p{L}.'’-]+(?:[^\S\n]+(?:van|von|de|der|da|di|du|le|la)?[^\S\n]*\p{Lu}[\p{L}.'’-]+){1,3}(?:[^\S\n]+(?:and|und|et|y|&)[^\S\n]+\p{Lu}[\p{L}.'’-]+(?:[^\S\n]+\p{Lu}[\p{L}.'’-]+){1,3})?)(?=[^\S\n]*(?:\n|$|[,|·•(/]|\d))/u.exec(after)
      const names = m ? namesFromByline(m[1]!, loose) : []
      if (names.length) return { value: toPeople(names), source: 'byline' }
    }
  }
  return undefined
}

/**
 * One byline element's names: from its whole text when that reads as names, else from its
 * children's texts (the whole may carry a dateline or a role the children separate).
 */
function namesFromOneByline(texts: string[], options: NameOptions): string[] {
  const [whole, ...parts] = texts
  const fromWhole = whole ? namesFromByline(whole, options) : []
  if (fromWhole.length) return fromWhole
  return dedupe(parts.flatMap((t) => namesFromByline(t, options)))
}

/** Twitter's "label1 / data1" pairs: `Written by` -> `Jane Doe`. */
function twitterLabelled(meta: MetaTags, label: RegExp): string[] {
  const out: string[] = []
  for (let i = 1; i <= 4; i++) {
    if (label.test(meta.first(`twitter:label${i}`) ?? '')) out.push(...meta.all(`twitter:data${i}`))
  }
  return out
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>()
  return names.filter((n) => {
    const k = fold(n)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

// ---- dates ----

const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'article:published', 'citation_publication_date', 'citation_date',
  'citation_online_date', 'prism.publicationdate', 'prism.coverdate', 'dc.date.issued', 'dcterms.issued', 'dcterms.date',
  'dc.date', 'dcterms.created', 'dc.date.created', 'og:published_time', 'datepublished', 'pubdate', 'publishdate', 'publish-date',
  'publish_date', 'published_time', 'publication_date', 'date', 'sailthru.date', 'parsely-pub-date', 'article.published',
  'originalpublicationdate', 'article_date_original', 'date_published', 'dc.date.published', 'displaydate', 'og:pubdate',
  'cxenseparse:recs:publishtime', 'last-modified',
]

function pickPublished(page: PageSource, meta: MetaTags, ld: JsonLdArticle | undefined, url?: string, headline?: string): Sourced<string> | undefined {
  const { document } = page
  const found: { date: PartialDate; source: MetadataSource }[] = []
  // Sources are read strongest first and only until one gives a full day: the page-wide
  // scans below the metadata are the expensive part.
  const hasDay = () => found.some((f) => f.date.day)
  let offset: number | undefined | null = null
  const siteOffset = () => (offset === null ? (offset = siteUtcOffset(page.html(), url)) : offset)
  const offer = (value: string | undefined, source: MetadataSource) => {
    const date = value ? parseDateValue(value, /[zZ]$|GMT|UTC|[+-]00:?00$/.test(value.trim()) ? siteOffset() : undefined) : undefined
    if (date) found.push({ date, source })
  }
  // A JSON-LD video or bare page node dates the clip or the page, not the article: it ranks below the meta tags.
  if (ld?.isArticle) offer(ld.datePublished, 'json-ld')
  for (const name of PUBLISHED_META) for (const v of meta.all(name)) offer(v, sourceOfMetaName(name))
  if (ld && !ld.isArticle) offer(ld.datePublished, 'json-ld')
  if (!hasDay()) for (const v of microdata(document, 'datePublished')) offer(v, 'microdata')
  if (!hasDay()) {
    const plain = timeMarks(document).filter((m) => !m.marksModification)
    const ranked = [
      ...plain.filter((m) => m.marksPublication && !m.inFurniture),
      ...plain.filter((m) => !m.marksPublication && m.inArticle && !m.inFurniture),
      ...plain.filter((m) => !m.marksPublication && !m.inArticle && !m.inFurniture),
    ]
    // Dates in page furniture count only when they fall in the month the URL names.
    const urlMonth = url ? dateFromUrl(url) : undefined
    if (urlMonth?.month) ranked.push(...plain.filter((m) => m.inFurniture))
    for (const m of ranked) {
      const d = findDate(m.value)
      if (!d?.day) continue
      if (m.inFurniture && (d.year !== urlMonth?.year || d.month !== urlMonth?.month)) continue
      found.push({ date: d, source: 'time-element' })
      break
    }
  }
  const fromUrl = url ? dateFromUrl(url) : undefined
  if (fromUrl) found.push({ date: fromUrl, source: 'url' })
  if (!hasDay()) {
    const near = dateNearHeadline(page, headline)
    if (near) found.unshift({ date: near, source: 'byline' })
  }
  const best = found.find((f) => f.date.day) ?? found[0]
  if (!best) return undefined
  return { value: formatIsoPartialDate(best.date), source: best.source }
}

/** A date written in the text just after the headline (the dateline), else anywhere before the body ends. */
function dateNearHeadline(page: PageSource, headline?: string): PartialDate | undefined {
  const { text, headlineAt } = page.visibleText(headline)
  const plausible = (d: PartialDate | undefined) => (d?.day && d.year >= 1995 && d.year <= new Date().getFullYear() + 1 ? d : undefined)
  if (headlineAt >= 0) {
    const after = plausible(findDate(text.slice(headlineAt, headlineAt + 1500)))
    if (after) return after
    const before = plausible(findDate(text.slice(Math.max(0, headlineAt - 600), headlineAt)))
    if (before) return before
  }
  return plausible(findDate(text))
}

function dayNumber(d: PartialDate): number {
  return Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1) / 864e5
}

// ---- language, type, identifiers ----

function pickLanguage(document: Document, meta: MetaTags, ld: JsonLdArticle | undefined): Sourced<string> | undefined {
  const candidates: Candidate[] = []
  const htmlLang = document.documentElement?.getAttribute('lang') ?? document.documentElement?.getAttribute('xml:lang')
  if (htmlLang) candidates.push({ value: htmlLang, source: 'html-lang' })
  if (ld?.inLanguage) candidates.push({ value: ld.inLanguage, source: 'json-ld' })
  for (const v of meta.all('og:locale')) candidates.push({ value: v, source: 'opengraph' })
  for (const name of ['citation_language', 'dc.language', 'dcterms.language', 'content-language', 'language']) {
    for (const v of meta.all(name)) candidates.push({ value: v, source: sourceOfMetaName(name) })
  }
  const httpEquiv = document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')
  if (httpEquiv) candidates.push({ value: httpEquiv, source: 'meta' })
  for (const c of candidates) {
    const tag = c.value.trim().split(/[,;\s]/)[0]!.replace(/_/g, '-')
    const m = /^([a-z]{2,3})(?:-([a-z]{2}|\d{3}|[a-z]{4}))?$/i.exec(tag)
    if (m) return { value: m[2] ? `${m[1]!.toLowerCase()}-${m[2].length === 2 ? m[2].toUpperCase() : m[2]}` : m[1]!.toLowerCase(), source: c.source }
  }
  return undefined
}

const LD_TYPES: [RegExp, PublicationTypeId][] = [
  [/^OpinionNewsArticle$/, 'op-ed'],
  [/^(ScholarlyArticle|MedicalScholarlyArticle)$/, 'journal-article'],
  [/^(Report|TechArticle)$/, 'report'],
  [/^(BlogPosting|LiveBlogPosting)$/, 'blog-post'],
  [/^(NewsArticle|AnalysisNewsArticle|ReportageNewsArticle|BackgroundNewsArticle)$/, 'newspaper-article'],
  [/^Chapter$/, 'book-chapter'],
  [/^Book$/, 'book'],
  [/^PodcastEpisode$/, 'podcast'],
  [/^VideoObject$/, 'video'],
]

function pickType(meta: MetaTags, ld: JsonLdArticle | undefined, url?: string): Sourced<PublicationTypeId> | undefined {
  if (meta.first('citation_technical_report_number', 'citation_technical_report_institution')) return { value: 'report', source: 'highwire' }
  if (meta.first('citation_dissertation_institution')) return { value: 'other', source: 'highwire' }
  if (meta.first('citation_journal_title')) return { value: 'journal-article', source: 'highwire' }
  if (meta.first('prism.publicationname') && meta.first('prism.volume', 'prism.doi', 'prism.number', 'prism.startingpage')) return { value: 'journal-article', source: 'prism' }
  if (meta.first('citation_inbook_title', 'citation_book_title')) return { value: 'book-chapter', source: 'highwire' }
  const path = url ? (safeUrl(url)?.pathname ?? '').toLowerCase() : ''
  const opinionPath = /\/(opinions?|op-?eds?|commentary|meinung|kommentar|opinion-[a-z]+)(\/|-|$)/.test(path)
  for (const [re, type] of LD_TYPES) {
    if (ld?.types.some((t) => re.test(t))) {
      // Newsrooms mark op-eds as NewsArticle; the opinion section in the path says otherwise.
      if (type === 'newspaper-article' && opinionPath) return { value: 'op-ed', source: 'url' }
      return { value: type, source: 'json-ld' }
    }
  }
  if (opinionPath) return { value: 'op-ed', source: 'url' }
  const section = meta.first('article:section')?.toLowerCase() ?? ''
  if (/opinion|op-ed|commentary|meinung/.test(section)) return { value: 'op-ed', source: 'opengraph' }
  if (meta.first('og:type')?.toLowerCase() === 'article') return { value: 'newspaper-article', source: 'opengraph' }
  return undefined
}

function pickDoi(meta: MetaTags, ld: JsonLdArticle | undefined): Sourced<string> | undefined {
  const candidates: Candidate[] = [
    ...meta.all('citation_doi').map((value) => ({ value, source: 'highwire' as const })),
    ...meta.all('prism.doi').map((value) => ({ value, source: 'prism' as const })),
    ...meta.all('dc.identifier', 'dcterms.identifier').map((value) => ({ value, source: 'dublin-core' as const })),
    ...(ld?.doi ? [{ value: ld.doi, source: 'json-ld' as const }] : []),
  ]
  for (const c of candidates) {
    const m = /\b(10\.\d{4,9}\/\S+)/.exec(c.value)
    if (m) return { value: m[1]!.replace(/[.,;]$/, ''), source: c.source }
  }
  return undefined
}

function pickPages(meta: MetaTags, ld: JsonLdArticle | undefined): Sourced<string> | undefined {
  const first = meta.first('citation_firstpage')
  if (first) {
    const last = meta.first('citation_lastpage')
    return { value: last && last !== first ? `${first}-${last}` : first, source: 'highwire' }
  }
  const start = meta.first('prism.startingpage')
  if (start) {
    const end = meta.first('prism.endingpage')
    return { value: end ? `${start}-${end}` : start, source: 'prism' }
  }
  return ld?.pages ? { value: ld.pages, source: 'json-ld' } : undefined
}

function pickPublisher(meta: MetaTags, ld: JsonLdArticle | undefined, outlet: string | undefined, type: PublicationTypeId | undefined): Sourced<string> | undefined {
  const candidates: Candidate[] = [
    ...meta.all('citation_publisher', 'citation_technical_report_institution').map((value) => ({ value, source: 'highwire' as const })),
    ...meta.all('dc.publisher', 'dcterms.publisher').map((value) => ({ value, source: 'dublin-core' as const })),
    ...meta.all('prism.publisher').map((value) => ({ value, source: 'prism' as const })),
    // A newsroom's JSON-LD publisher is the outlet itself; only reports name a separate one.
    ...(type === 'report' && ld?.publisher ? [{ value: ld.publisher, source: 'json-ld' as const }] : []),
  ]
  const found = firstText(candidates, 200)
  if (!found || (outlet && fold(found.value) === fold(outlet))) return undefined
  return found
}

function pickKeywords(meta: MetaTags, ld: JsonLdArticle | undefined): Sourced<string[]> | undefined {
  const split = (values: string[]) => [...new Set(values.flatMap((v) => v.split(/[,;]/)).map((k) => k.trim()).filter((k) => k && k.length < 80))]
  if (ld?.keywords.length) return { value: split(ld.keywords), source: 'json-ld' }
  const fromMeta = split(meta.all('citation_keywords', 'news_keywords', 'keywords', 'article:tag'))
  return fromMeta.length ? { value: fromMeta, source: 'meta' } : undefined
}

/**
 * schema.org JSON-LD blocks, reduced to the one node that describes the page's article.
 * Real pages nest that node in arrays, in `@graph`, under `mainEntity`, refer to authors by
 * `@id`, and sometimes ship JSON with raw newlines or trailing commas; all are read here.
 */

type JsonNode = Record<string, unknown>

export interface JsonLdArticle {
  types: string[]
  /** An article-like node (news, opinion, blog, scholarly, report), not a video or a bare page. */
  isArticle: boolean
  headline?: string
  authors: { name: string; isOrganization: boolean }[]
  datePublished?: string
  dateModified?: string
  description?: string
  inLanguage?: string
  url?: string
  publisher?: string
  keywords: string[]
  volume?: string
  issue?: string
  pages?: string
  doi?: string
  /** Name of the site (a WebSite node), a fallback for the outlet. */
  siteName?: string
}

const ARTICLE_TYPES = [
  'NewsArticle', 'OpinionNewsArticle', 'AnalysisNewsArticle', 'ReportageNewsArticle', 'BackgroundNewsArticle',
  'ReviewNewsArticle', 'AskPublicQuestionArticle', 'Article', 'BlogPosting', 'LiveBlogPosting', 'ScholarlyArticle',
  'Report', 'TechArticle', 'SocialMediaPosting', 'Review', 'Chapter', 'Book', 'Thesis', 'Legislation', 'PodcastEpisode',
  'VideoObject', 'CreativeWork',
]
const PAGE_TYPES = ['WebPage', 'ItemPage', 'AboutPage', 'CollectionPage', 'MediaGallery']

function parseLenient(text: string): unknown {
  const trimmed = text.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/^\/\*.*?\*\//s, '')
  try {
    return JSON.parse(trimmed)
  } catch {
    // Raw control characters inside strings and trailing commas are the usual breakage.
    const repaired = trimmed.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1')
    try {
      return JSON.parse(repaired)
    } catch {
      return undefined
    }
  }
}

function typesOf(node: JsonNode): string[] {
  const t = node['@type']
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t]
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^(https?:\/\/)?schema\.org\//, ''))
}

function collectNodes(value: unknown, out: JsonNode[], depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const v of value) collectNodes(v, out, depth + 1)
    return
  }
  const node = value as JsonNode
  out.push(node)
  if (node['@graph']) collectNodes(node['@graph'], out, depth + 1)
  if (node.mainEntity) collectNodes(node.mainEntity, out, depth + 1)
  if (node.mainEntityOfPage && typeof node.mainEntityOfPage === 'object') collectNodes(node.mainEntityOfPage, out, depth + 1)
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•' }

/** CMSs often HTML-escape the strings they put in JSON-LD ("Hof &amp; Geschichte"). */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m
    }
    return ENTITIES[e.toLowerCase()] ?? m
  })
}

const text = (v: unknown): string | undefined => {
  if (typeof v === 'string') return decodeEntities(v).replace(/\s+/g, ' ').trim() || undefined
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v)) return text(v[0])
  if (v && typeof v === 'object') {
    const o = v as JsonNode
    return text(o['@value'] ?? o.name)
  }
  return undefined
}

export function readJsonLd(document: Document, pageUrl?: string): JsonLdArticle | undefined {
  const nodes: JsonNode[] = []
  for (const script of document.querySelectorAll('script[type="application/ld+json" i], script[type="application/ld+json"]')) {
    collectNodes(parseLenient(script.textContent ?? ''), nodes)
  }
  if (!nodes.length) return undefined
  const byId = new Map<string, JsonNode>()
  for (const n of nodes) if (typeof n['@id'] === 'string') byId.set(n['@id'], { ...byId.get(n['@id']), ...n })
  const resolve = (v: unknown): unknown => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const id = (v as JsonNode)['@id']
      if (typeof id === 'string' && Object.keys(v).length <= 2 && byId.has(id)) return byId.get(id)
    }
    return v
  }

  const article = pickArticle(nodes, pageUrl)
  const site = nodes.find((n) => typesOf(n).includes('WebSite'))
  if (!article) return site ? { types: [], isArticle: false, authors: [], keywords: [], siteName: text(site.name) } : undefined

  const authors: JsonLdArticle['authors'] = []
  const rawAuthors = article.author ?? article.creator
  for (const a of Array.isArray(rawAuthors) ? rawAuthors : rawAuthors ? [rawAuthors] : []) {
    const node = resolve(a)
    if (typeof node === 'string') authors.push({ name: node, isOrganization: false })
    else if (node && typeof node === 'object') {
      const o = node as JsonNode
      const name = text(o.name) ?? [text(o.givenName), text(o.familyName)].filter(Boolean).join(' ')
      if (name) authors.push({ name, isOrganization: typesOf(o).some((t) => /Organization|Corporation|NewsMediaOrganization/.test(t)) })
    }
  }
  const publisher = resolve(Array.isArray(article.publisher) ? article.publisher[0] : article.publisher)
  const partOf = resolve(article.isPartOf) as JsonNode | undefined
  const identifiers = [article.identifier, article.sameAs, article['@id'], article.url].flat()
  const doi = identifiers.map((v) => text(v)).map((v) => v && /\b(10\.\d{4,9}\/[^\s"<>]+)/.exec(v)?.[1]).find(Boolean)
  const keywords = article.keywords
  const types = typesOf(article)
  return {
    types,
    isArticle: types.some((t) => ARTICLE_TYPES.indexOf(t) >= 0 && ARTICLE_TYPES.indexOf(t) <= ARTICLE_TYPES.indexOf('Report')),
    headline: text(article.headline) ?? text(article.name),
    authors,
    datePublished: text(article.datePublished) ?? text(article.dateCreated) ?? (typesOf(article).includes('VideoObject') ? text(article.uploadDate) : undefined),
    dateModified: text(article.dateModified),
    description: text(article.description) ?? text(article.abstract),
    inLanguage: text(article.inLanguage) ?? text(article.language),
    url: text(article.url) ?? (typeof article.mainEntityOfPage === 'string' ? article.mainEntityOfPage : text((article.mainEntityOfPage as JsonNode | undefined)?.['@id'])),
    publisher: typeof publisher === 'string' ? publisher : text((publisher as JsonNode | undefined)?.name),
    keywords: (typeof keywords === 'string' ? keywords.split(',') : Array.isArray(keywords) ? keywords.map((k) => text(k) ?? '') : [])
      .map((k) => k.trim())
      .filter(Boolean),
    volume: text(article.volumeNumber) ?? (partOf && typesOf(partOf).includes('PublicationVolume') ? text(partOf.volumeNumber) : undefined),
    issue: text(article.issueNumber) ?? (partOf && typesOf(partOf).includes('PublicationIssue') ? text(partOf.issueNumber) : undefined),
    pages: text(article.pagination) ?? (article.pageStart ? [text(article.pageStart), text(article.pageEnd)].filter(Boolean).join('-') : undefined),
    doi: doi || undefined,
    siteName: site ? text(site.name) : undefined,
  }
}

function pickArticle(nodes: JsonNode[], pageUrl?: string): JsonNode | undefined {
  const rank = (n: JsonNode) => {
    const types = typesOf(n)
    const i = Math.min(...types.map((t) => (ARTICLE_TYPES.includes(t) ? ARTICLE_TYPES.indexOf(t) : 999)))
    if (i < 999) return i <= ARTICLE_TYPES.indexOf('Report') ? 0 : 1 // articles first, then the looser kinds
    if (types.some((t) => PAGE_TYPES.includes(t)) && (n.headline || n.datePublished || n.author)) return 2
    return 99
  }
  const candidates = nodes.filter((n) => rank(n) < 99)
  if (!candidates.length) return undefined
  const samePage = (n: JsonNode) => {
    if (!pageUrl) return 0
    const u = text(n.url) ?? text(n['@id'])
    return u && u.replace(/[#?].*$/, '').replace(/\/$/, '') === pageUrl.replace(/[#?].*$/, '').replace(/\/$/, '') ? 0 : 1
  }
  const richness = (n: JsonNode) => (n.headline ? 0 : 1) + (n.datePublished ? 0 : 1) + (n.author ? 0 : 1)
  return candidates.sort((a, b) => rank(a) - rank(b) || samePage(a) - samePage(b) || richness(a) - richness(b))[0]
}

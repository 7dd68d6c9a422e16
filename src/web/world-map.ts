import { createRequire } from 'node:module'
import { geoEqualEarth, geoPath } from 'd3-geo'
import { feature } from 'topojson-client'
import { html, raw, type Html } from './html.js'

/**
 * A world map of where the archive's work concentrates, drawn on the server as SVG from
 * Natural Earth's 1:110m countries (world-atlas): each country shaded by the records
 * naming it, in five steps from light to dark so the shading survives grey-scale print.
 */

const require = createRequire(import.meta.url)
const WIDTH = 960
const HEIGHT = 500
const SHADES = ['#eef1f6', '#c6d3e6', '#8fa9cf', '#5479b0', '#24467f', '#0d2247']

interface CountryShape {
  alpha2: string | undefined
  name: string
  d: string
}

let shapes: CountryShape[] | undefined

/** The countries' outlines, projected once (Equal Earth keeps areas honest). */
function countryShapes(): CountryShape[] {
  if (shapes) return shapes
  const topology = require('world-atlas/countries-110m.json') as Parameters<typeof feature>[0] & { objects: { countries: unknown } }
  const isoCountries = require('i18n-iso-countries') as { numericToAlpha2(n: string): string | undefined }
  const all = feature(topology, topology.objects.countries as never) as unknown as {
    type: string
    features: { id?: string; properties: { name: string } }[]
  }
  // Antarctica (010) takes a fifth of the picture and is rarely the subject
  const collection = { ...all, features: all.features.filter((f) => f.id !== '010') }
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], collection as never)
  const path = geoPath(projection).digits(1)
  shapes = collection.features
    .map((f) => ({ alpha2: f.id ? isoCountries.numericToAlpha2(f.id) : undefined, name: f.properties.name, d: path(f as never) ?? '' }))
    .filter((s) => s.d)
  return shapes
}

/** Shade 1..5 on a log scale, the most-named country darkest (0: no record). */
function shadeOf(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0
  return Math.max(1, Math.min(5, Math.ceil((5 * Math.log1p(count)) / Math.log1p(max))))
}

export function worldMap(counts: Map<string, number>, countryName: (code: string) => string): Html {
  const max = Math.max(0, ...counts.values())
  const countries = countryShapes()
  const shown = countries.filter((c) => c.alpha2 && counts.get(c.alpha2)).length
  const paths = countries.map((c) => {
    const n = c.alpha2 ? (counts.get(c.alpha2) ?? 0) : 0
    const label = `${c.alpha2 ? countryName(c.alpha2) : c.name}: ${n} record${n === 1 ? '' : 's'}`
    return html`<path d="${c.d}" fill="${SHADES[shadeOf(n, max)]}" stroke="#555" stroke-width="0.4"><title>${label}</title></path>`
  })
  const keyItems = [1, 2, 3, 4, 5].map((i) => html`<rect x="${20 + (i - 1) * 34}" y="${HEIGHT - 28}" width="34" height="12" fill="${SHADES[i]}" stroke="#555" stroke-width="0.4"/>`)
  return html`<svg class="map" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="World map of the countries our published work names: ${shown} countries, up to ${max} records each. The table beside it lists them." xmlns="http://www.w3.org/2000/svg">
<title>Countries named in our published work</title>
${raw(paths.map(String).join('\n'))}
<g font-size="11" fill="#333"><text x="20" y="${HEIGHT - 34}">fewer records</text>${keyItems}<text x="${20 + 5 * 34 + 6}" y="${HEIGHT - 18}">more (up to ${max})</text></g>
</svg>`
}

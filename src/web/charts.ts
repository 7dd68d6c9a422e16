import { html, type Html } from './html.js'

/**
 * Server-rendered SVG charts: no client-side framework, readable in print (dark ink on
 * white, series told apart by dash pattern as well as shade), and each labelled for screen
 * readers; the pages put a table of the same numbers beside every chart.
 */

const WIDTH = 720
const HEIGHT = 260
const MARGIN = { top: 16, right: 16, bottom: 36, left: 44 }
const INK = ['#1f3b73', '#8a3b12', '#2e6b30', '#5b2a86', '#6b6b00', '#00656b', '#7a1f4a', '#333333']
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4', '4 2 1 2', '3 6']

export interface Series {
  label: string
  values: number[]
}

/** Round steps for an axis reaching at least `max`. */
function ticks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1]
  const raw = max / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw
  const out: number[] = []
  for (let v = 0; v <= max + step / 2; v += step) out.push(Math.round(v * 1e6) / 1e6)
  if (out[out.length - 1]! < max) out.push(out[out.length - 1]! + step)
  return out
}

/** Labels along the x axis: every month when few, otherwise Januaries (or every nth). */
function xLabels(labels: string[]): Set<number> {
  if (labels.length <= 12) return new Set(labels.map((_, i) => i))
  const januaries = labels.map((l, i) => (l.endsWith('-01') ? i : -1)).filter((i) => i >= 0)
  if (januaries.length >= 2 && januaries.length <= 14) return new Set(januaries)
  const every = Math.ceil(labels.length / 10)
  return new Set(labels.map((_, i) => i).filter((i) => i % every === 0))
}

function frame(title: string, description: string, body: Html): Html {
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${title}. ${description}" xmlns="http://www.w3.org/2000/svg">
<title>${title}</title>
<desc>${description}</desc>
${body}
</svg>`
}

function axes(max: number, labels: string[]): { y: (v: number) => number; x: (i: number) => number; grid: Html; top: number } {
  const yTicks = ticks(max)
  const top = yTicks[yTicks.length - 1]!
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH
  const step = labels.length > 1 ? plotW / (labels.length - 1) : 0
  const x = (i: number) => MARGIN.left + (labels.length > 1 ? i * step : plotW / 2)
  const shown = xLabels(labels)
  const grid = html`<g class="axis" font-size="11" fill="#333">
${yTicks.map((t) => html`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ccc" stroke-width="1"/><text x="${MARGIN.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${t}</text>`)}
${labels.map((l, i) => (shown.has(i) ? html`<text x="${x(i).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${l}</text>` : ''))}
<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#333" stroke-width="1"/>
</g>`
  return { y, x, grid, top }
}

/** Records per month as bars. */
export function barChart(title: string, labels: string[], values: number[]): Html {
  const max = Math.max(0, ...values)
  const { y, grid } = axes(max, labels)
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const slot = plotW / Math.max(1, labels.length)
  const bar = Math.max(1, Math.min(48, slot * 0.8))
  const bars = values.map((v, i) => {
    const x = MARGIN.left + i * slot + (slot - bar) / 2
    return html`<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(0) - y(v)).toFixed(1)}" fill="${INK[0]}"><title>${labels[i]}: ${v}</title></rect>`
  })
  const peak = values.indexOf(max)
  const description = labels.length === 0 ? 'No data.' : `${labels.length} months from ${labels[0]} to ${labels[labels.length - 1]}; highest ${max} in ${labels[peak]}.`
  return frame(title, description, html`${grid}<g>${bars}</g>`)
}

/** Several series per month as lines, each with its own shade, dash and end label. */
export function lineChart(title: string, labels: string[], series: Series[]): Html {
  const max = Math.max(0, ...series.flatMap((s) => s.values))
  const { x, y, grid } = axes(max, labels)
  const lines = series.map((s, k) => {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
    const last = s.values.length - 1
    return html`<g><polyline points="${points}" fill="none" stroke="${INK[k % INK.length]}" stroke-width="2" stroke-dasharray="${DASHES[k % DASHES.length]}"/>
${s.values.map((v, i) => html`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${INK[k % INK.length]}"><title>${s.label}, ${labels[i]}: ${v}</title></circle>`)}
${last >= 0 ? html`<text x="${Math.min(x(last) + 4, WIDTH - 4).toFixed(1)}" y="${(y(s.values[last]!) - 6).toFixed(1)}" font-size="11" fill="${INK[k % INK.length]}" text-anchor="end">${s.label}</text>` : ''}</g>`
  })
  const description = `${series.map((s) => `${s.label}: ${s.values.reduce((a, b) => a + b, 0)} records`).join('; ')}, over ${labels.length} months.`
  return frame(title, description, html`${grid}${lines}`)
}

/** The legend for a line chart: each series' ink and dash, as the chart draws it. */
export function legend(series: Series[]): Html {
  return html`<ul class="legend">${series.map((s, k) => html`<li><svg width="36" height="10" aria-hidden="true"><line x1="0" x2="36" y1="5" y2="5" stroke="${INK[k % INK.length]}" stroke-width="2" stroke-dasharray="${DASHES[k % DASHES.length]}"/></svg> ${s.label}</li>`)}</ul>`
}


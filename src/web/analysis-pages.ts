import type { EntityRow, EntityView, RecordEnrichmentRow, TimelineEvent, Trends } from '../archive/index.js'
import { displayName, formatApPartialDate, parsePartialDate } from '../model/index.js'
import { barChart, legend, lineChart } from './charts.js'
import { html, type Html } from './html.js'
import { layout } from './pages.js'

/** The analysts' pages: entities, an entity, the timeline of referenced events, the map, trends. */

export const TYPE_LABELS: Record<string, string> = { PERSON: 'Person', ORG: 'Organisation', LOC: 'Place', AGREEMENT: 'Agreement' }
const TYPE_PLURALS: Record<string, string> = { PERSON: 'People', ORG: 'Organisations', LOC: 'Places', AGREEMENT: 'Agreements' }

export const entityHref = (key: string) => `/entities/${encodeURIComponent(key)}`
const query = (params: Record<string, string | number | string[] | undefined>) => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x))
    else if (v !== undefined && v !== '') q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

function downloads(base: string, params: Record<string, string | number | string[] | undefined>): Html {
  return html`<p class="downloads">Download the data: <a href="${base}.csv${query(params)}">CSV</a> · <a href="${base}${query(params)}">JSON</a></p>`
}

function pager(path: string, params: Record<string, string | number | string[] | undefined>, page: number, pages: number): Html {
  if (pages <= 1) return html``
  return html`<nav aria-label="Pages">${page > 1 ? html`<a href="${path}${query({ ...params, page: page - 1 })}" rel="prev">Previous</a> ` : ''}Page ${page} of ${pages}${page < pages ? html` <a href="${path}${query({ ...params, page: page + 1 })}" rel="next">Next</a>` : ''}</nav>`
}

/** "January 9–13, 2023", "May 2023", "2027": an event's days at its own precision. */
export function eventDate(ev: { start: string; end: string; precision: string; value: string }): string {
  const day = (d: string) => formatApPartialDate(parsePartialDate(d)!)
  if (ev.start === ev.end) return day(ev.start)
  switch (ev.precision) {
    case 'month': return day(ev.start.slice(0, 7))
    case 'year': return ev.start.slice(0, 4)
    case 'decade': return `the ${ev.start.slice(0, 4)}s`
    case 'century': return `the ${Number(ev.start.slice(0, 2)) + 1}th century`
    case 'quarter': return `Q${Math.ceil(Number(ev.start.slice(5, 7)) / 3)} ${ev.start.slice(0, 4)}`
    case 'season': return `${{ '03': 'spring', '06': 'summer', '09': 'autumn', '12': 'winter' }[ev.start.slice(5, 7)] ?? 'season'} ${ev.start.slice(0, 4)}`
    default: return `${day(ev.start)} – ${day(ev.end)}`
  }
}

/** The sentence with the dated expression marked. */
function markedSentence(ev: { sentence: string; text: string }): Html {
  const at = ev.sentence.indexOf(ev.text)
  if (at < 0 || !ev.text) return html`${ev.sentence}`
  return html`${ev.sentence.slice(0, at)}<mark>${ev.text}</mark>${ev.sentence.slice(at + ev.text.length)}`
}

const entityLink = (e: EntityRow) => html`<a href="${entityHref(e.key)}">${e.name}</a>`

export function entitiesPage(list: (EntityRow & { records: number })[], filters: { type?: string; q?: string; page: number; more: boolean }): string {
  const tab = (type: string | undefined, label: string) =>
    type === filters.type ? html`<strong aria-current="page">${label}</strong> ` : html`<a href="/entities${query({ type, q: filters.q })}">${label}</a> `
  return layout('Who and where', html`<h1>Who and where</h1>
<p>The people, organisations, places and agreements our published work names, most named first.</p>
<nav aria-label="Kinds" class="styles">${tab(undefined, 'All')}${Object.entries(TYPE_PLURALS).map(([t, label]) => tab(t, label))}</nav>
<form method="get" action="/entities"><label for="entity-q">Names starting with</label>
${filters.type ? html`<input type="hidden" name="type" value="${filters.type}">` : ''}<input id="entity-q" name="q" type="search" value="${filters.q ?? ''}"> <button type="submit">Find</button></form>
${list.length ? html`<table><caption>Entities by published pieces naming them</caption><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Pieces</th></tr></thead>
<tbody>${list.map((e) => html`<tr><td>${entityLink(e)}</td><td>${TYPE_LABELS[e.type] ?? e.type}</td><td>${e.records}</td></tr>`)}</tbody></table>` : html`<p>No entity matches.</p>`}
<nav aria-label="Pages">${filters.page > 1 ? html`<a href="/entities${query({ ...filters, more: undefined, page: filters.page - 1 })}" rel="prev">Previous</a> ` : ''}${filters.more ? html`<a href="/entities${query({ ...filters, more: undefined, page: filters.page + 1 })}" rel="next">Next</a>` : ''}</nav>
${downloads('/api/v1/entities', { type: filters.type, q: filters.q })}`)
}

export function entityPage(view: EntityView, page: number, perPage: number): string {
  const e = view.entity
  const pages = Math.ceil(e.records / perPage)
  const labels = view.monthly.map((m) => m.month)
  const counts = view.monthly.map((m) => m.records)
  const searchQuery = `entity:"${e.name.replace(/"/g, '')}"`
  return layout(e.name, html`<p class="kicker">${TYPE_LABELS[e.type] ?? e.type}${e.country && !e.key.startsWith('country:') ? html` · <a href="${entityHref(`country:${e.country}`)}">${e.country}</a>` : ''}</p>
<h1>${e.name}</h1>
<p>Named in ${e.records} published piece${e.records === 1 ? '' : 's'}. <a href="/search${query({ q: searchQuery })}">Search them</a> · <a href="/timeline${query({ entity: e.key })}">Events on the timeline</a> · <a href="/trends${query({ entity: e.key })}">Compare over time</a></p>
<section aria-labelledby="over-time"><h2 id="over-time">Mentions over time</h2>
${labels.length ? html`${barChart(`Pieces naming ${e.name}, by month of publication`, labels, counts)}
<table><caption>Pieces naming ${e.name}, by month</caption><thead><tr><th scope="col">Month</th><th scope="col">Pieces</th></tr></thead>
<tbody>${view.monthly.map((m) => html`<tr><td>${m.month}</td><td>${m.records}</td></tr>`)}</tbody></table>` : html`<p>The pieces naming it have no publication month.</p>`}
${downloads(`/api/v1/entities/${encodeURIComponent(e.key)}/monthly`, {})}</section>
<section aria-labelledby="pieces"><h2 id="pieces">Pieces</h2>
<ol>${view.records.map(({ publication: p, mentions }) => html`<li><a href="/publications/${p.id}">${p.title}</a> <small>${p.authors.map(displayName).join(', ')}${p.published ? ` · ${p.published}` : ''} · named ${mentions} time${mentions === 1 ? '' : 's'}</small></li>`)}</ol>
${pager(entityHref(e.key), {}, page, pages)}</section>
${view.coMentioned.length ? html`<section aria-labelledby="with"><h2 id="with">Named with</h2>
<ul>${view.coMentioned.map((c) => html`<li>${entityLink(c)} <small>(${TYPE_LABELS[c.type] ?? c.type}, ${c.records} piece${c.records === 1 ? '' : 's'})</small></li>`)}</ul></section>` : ''}`)
}

export interface TimelineFilters {
  entity?: string
  entityName?: string
  topic?: string
  author?: string
  from?: string
  to?: string
  page: number
}

export function timelinePage(result: { total: number; events: TimelineEvent[] }, filters: TimelineFilters, perPage: number, titles: Map<string, string>, error?: string): string {
  const pages = Math.ceil(result.total / perPage)
  const params = { entity: filters.entity, topic: filters.topic, author: filters.author, from: filters.from, to: filters.to }
  const byYear = new Map<string, TimelineEvent[]>()
  for (const ev of result.events) {
    const year = ev.start.slice(0, 4)
    byYear.set(year, [...(byYear.get(year) ?? []), ev])
  }
  const field = (name: string, label: string, value: string | undefined, hint = '', type = 'text') =>
    html`<label for="tl-${name}">${label}${hint ? html` <span class="hint">${hint}</span>` : ''}</label><input id="tl-${name}" name="${name}" type="${type}" value="${value ?? ''}">`
  return layout('Timeline', html`<h1>Timeline${filters.entityName ? html`: ${filters.entityName}` : ''}</h1>
<p>The dated events our published pieces refer to, earliest first: each with the sentence that names it.</p>
<form method="get" action="/timeline" class="filters">
${field('entity', 'Entity', filters.entity, 'a name, such as Senkaku Islands')}
${field('topic', 'Topic', filters.topic)}
${field('author', 'Expert', filters.author)}
${field('from', 'From', filters.from, 'YYYY-MM-DD', 'text')}
${field('to', 'To', filters.to, 'YYYY-MM-DD', 'text')}
<p><button type="submit">Show</button></p></form>
${error ? html`<p role="alert" class="error">${error}</p>` : ''}
<p>${result.total} event${result.total === 1 ? '' : 's'}${pages > 1 ? `, page ${filters.page} of ${pages}` : ''}</p>
${[...byYear].map(([year, events]) => html`<section><h2>${year}</h2><ol class="timeline">${events.map((ev) => html`<li><strong><time datetime="${ev.start}">${eventDate(ev)}</time></strong> — ${markedSentence(ev)}
<br><small>From <a href="/publications/${ev.publicationId}">${titles.get(ev.publicationId) ?? ev.publicationId}</a>${ev.published ? `, ${ev.published}` : ''}</small></li>`)}</ol></section>`)}
${pager('/timeline', params, filters.page, pages)}
${downloads('/api/v1/timeline', params)}`)
}

export function mapPage(svg: Html, countries: { country: string; name: string; records: number }[]): string {
  return layout('Where our work concentrates', html`<h1>Where our work concentrates</h1>
<p>Countries our published pieces name (or name a place in), shaded by the number of pieces.</p>
<div class="map-layout"><figure>${svg}<figcaption>Darker countries are named in more pieces; the table lists every one.</figcaption></figure>
<table><caption>Pieces naming each country</caption><thead><tr><th scope="col">Country</th><th scope="col">Pieces</th></tr></thead>
<tbody>${countries.map((c) => html`<tr><td><a href="${entityHref(`country:${c.country}`)}">${c.name}</a></td><td>${c.records}</td></tr>`)}</tbody></table></div>
${downloads('/api/v1/countries', {})}`)
}

export function trendsPage(trends: Trends | undefined, inputs: string[], error?: string): string {
  const slots = [...inputs, '', '', '', ''].slice(0, Math.max(4, inputs.length + 1))
  const series = trends ? trends.entities.map((e, k) => ({ label: e.name, values: trends.months.map((m) => m.counts[k]!) })) : []
  const labels = trends ? trends.months.map((m) => m.month) : []
  return layout('Attention over time', html`<h1>Attention over time</h1>
<p>Pieces per month naming each entity, side by side.</p>
<form method="get" action="/trends">${slots.map((v, i) => html`<label for="tr-${i}">Entity ${i + 1}</label><input id="tr-${i}" name="entity" type="text" value="${v}">`)}
<p><button type="submit">Compare</button></p></form>
${error ? html`<p role="alert" class="error">${error}</p>` : ''}
${trends && labels.length ? html`${lineChart(`Pieces per month naming ${series.map((s) => s.label).join(', ')}`, labels, series)}${legend(series)}
<table><caption>Pieces per month</caption><thead><tr><th scope="col">Month</th>${trends.entities.map((e) => html`<th scope="col"><a href="${entityHref(e.key)}">${e.name}</a></th>`)}</tr></thead>
<tbody>${trends.months.map((m) => html`<tr><td>${m.month}</td>${m.counts.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>
${downloads('/api/v1/trends', { entity: trends.entities.map((e) => e.key) })}` : trends ? html`<p>None of these is named in a dated piece.</p>` : ''}`)
}

/** What a record names, shown on its page: entities by kind, then the events it refers to. */
export function recordAnalysis(found: RecordEnrichmentRow | undefined): Html {
  if (!found || (found.entities.length === 0 && found.events.length === 0)) return html``
  const kinds = ['PERSON', 'ORG', 'LOC', 'AGREEMENT'].map((t) => [t, found.entities.filter((e) => e.type === t)] as const).filter(([, list]) => list.length)
  const dated = found.events.filter((e) => e.field === 'body' || e.field === 'summary')
  return html`<section aria-labelledby="named" class="named"><h2 id="named">Named in this piece</h2>
<dl>${kinds.map(([t, list]) => html`<dt>${TYPE_PLURALS[t]}</dt><dd>${list.map((e, i) => html`${i ? ', ' : ''}${entityLink(e)}`)}</dd>`)}</dl>
${dated.length ? html`<h3>Dates it refers to</h3><ul>${dated.map((ev) => html`<li><a href="/timeline${query({ from: ev.start, to: ev.end })}"><time datetime="${ev.start}">${eventDate(ev)}</time></a> — ${markedSentence(ev)}</li>`)}</ul>` : ''}
</section>`
}

import type { Publication } from '../model/index.js'
import { displayName, formatApPartialDate, parsePartialDate, publicationTypeLabel } from '../model/index.js'
import { html, type Html } from './html.js'

/** Feeds of the listing a page shows, announced to browsers and feed readers. */
export interface FeedLinks {
  rss: string
  atom: string
  json: string
}

export interface LayoutOptions {
  feeds?: FeedLinks
  /** More of <head>: the record's metadata for reference managers. */
  head?: Html
  /** Links added to the site navigation (the editor's sections). */
  nav?: Html
}

/** The site's one stylesheet, served from /static/site.css so browsers cache it once. */
export const SITE_CSS = `body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1a1a1a}
a{color:#0b57d0} .kicker{text-transform:uppercase;letter-spacing:.04em;font-size:.8rem;color:#555}
.featured{border-bottom:1px solid #ddd} .citation{background:#f5f5f5;padding:.75rem;border-left:3px solid #999} .withdrawn{background:#fff3cd;padding:.5rem}
li{margin:.4rem 0} mark{background:#fff2a8;color:inherit}
.results-layout{display:grid;grid-template-columns:minmax(10rem,14rem) 1fr;gap:1.5rem} .results-layout aside h2{font-size:1rem;margin:.8rem 0 .2rem}
.results-layout aside ul{list-style:none;padding:0;margin:0} .selected{font-weight:bold} .styles a,.styles strong{margin-right:.6rem}
@media (max-width:40rem){.results-layout{grid-template-columns:1fr}}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-999px} .skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
label{display:block;font-weight:600;margin-top:.9rem} .hint{display:block;font-weight:normal;font-size:.85rem;color:#555}
input[type=text],input[type=email],input[type=password],input[type=url],input[type=search],select,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.35rem;border:1px solid #767676;border-radius:3px}
textarea{min-height:6rem} input[type=checkbox]{margin-right:.4rem} .checkbox label{display:inline;font-weight:normal}
button{font:inherit;padding:.35rem .9rem;margin:.3rem .3rem .3rem 0;border:1px solid #0b57d0;background:#0b57d0;color:#fff;border-radius:3px;cursor:pointer}
button.secondary{background:#fff;color:#0b57d0} button.danger{background:#a50e0e;border-color:#a50e0e}
.error{color:#a50e0e;font-weight:600} .notice{background:#e6f4ea;padding:.5rem} .alert{background:#fce8e6;padding:.5rem}
.source{font-size:.8rem;color:#555;font-weight:normal} .inline{display:inline}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.3rem;border-bottom:1px solid #ddd;vertical-align:top}
del{background:#fce8e6;margin-right:.25em} ins{background:#e6f4ea;text-decoration:none} .status{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}
header nav a{margin-right:.6rem}
svg.chart,svg.map{width:100%;height:auto;display:block} figure{margin:0} .legend{list-style:none;padding:0} .legend li{display:inline-block;margin-right:1rem}
.timeline li{margin:.6rem 0} .named dt{font-weight:600;margin-top:.4rem} .named dd{margin:0}
.filters label{margin-top:.4rem}
@media print{header,nav,aside,form,.downloads,.skip{display:none} a{color:inherit}}
`

/** The page shell every page shares: landmarks, a skip link, the stylesheet, the one script. */
export function layout(title: string, main: Html, options: LayoutOptions = {}): string {
  const { feeds, head, nav } = options
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Dossier</title>
${feeds ? html`<link rel="alternate" type="application/rss+xml" title="RSS" href="${feeds.rss}">
<link rel="alternate" type="application/atom+xml" title="Atom" href="${feeds.atom}">
<link rel="alternate" type="application/feed+json" title="JSON Feed" href="${feeds.json}">` : ''}
${head ?? ''}
<script src="/static/app.js" defer></script>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><nav aria-label="Site"><a href="/">Dossier</a> <a href="/search">Search</a> <a href="/entities">Who and where</a> <a href="/timeline">Timeline</a> <a href="/map">Map</a> <a href="/trends">Trends</a>${nav ?? ''}</nav></header>
<main id="main">${main}</main>
</body>
</html>
`.value
}

const dateOf = (p: Publication) => {
  const d = p.published ? parsePartialDate(p.published) : undefined
  return d ? formatApPartialDate(d) : ''
}

/** A record in a home-page list; a featured one stands out and brings its summary. */
const listItem = (p: Publication, featured = false) => html`<li><span class="kicker">${publicationTypeLabel(p.type)}${p.outlet ? ` - ${p.outlet}` : ''}</span><br>
<a href="/publications/${p.id}">${featured ? html`<strong>${p.title}</strong>` : p.title}</a> <small>${p.authors.map(displayName).join(', ')}${p.authors.length && p.published ? ' · ' : ''}${dateOf(p)}</small>${
  featured ? html`
${p.summary ? html`<br>${p.summary}` : ''}` : ''
}</li>`

export function homePage(items: Publication[], feeds?: FeedLinks, featured: Publication[] = []): string {
  return layout(
    'Publications',
    html`<h1>Publications</h1>
<form method="get" action="/search" role="search"><label for="q">Search the archive</label>
<input id="q" name="q" type="search"> <button type="submit">Search</button></form>
${featured.length ? html`<section aria-labelledby="featured-h" class="featured"><h2 id="featured-h">Featured</h2>
<ul>${featured.map((p) => listItem(p, true))}</ul></section>` : ''}
<section aria-labelledby="latest-h"><h2 id="latest-h">Latest</h2>
<ul>${items.map((p) => listItem(p))}</ul></section>
${items.length === 0 ? html`<p>The archive is empty. Add records with <code>npx dossier import FILE</code>.</p>` : ''}`,
    { feeds },
  )
}

/** `citation` is the Chicago entry as HTML from citeproc (which escapes the record's text). */
export const CITATION_STYLES = [
  ['chicago', 'Chicago'],
  ['apa', 'APA'],
  ['mla', 'MLA'],
  ['harvard', 'Harvard'],
] as const

/** The citation box: the entry in the chosen style, the other styles as links, downloads. */
function citationBox(p: Publication, citation: Html, style: string): Html {
  return html`<h2 id="cite">For Academic Citation</h2>
<nav aria-label="Citation style" class="styles">${CITATION_STYLES.map(([id, label]) =>
    id === style ? html`<strong aria-current="true">${label}</strong> ` : html`<a href="/publications/${p.id}?style=${id}#cite">${label}</a> `,
  )}</nav>
<div class="citation" id="citation-text">${citation}</div>
<p><button type="button" class="copy" data-copy="citation-text" hidden>Copy citation</button></p>
<p class="downloads">Download: <a href="/publications/${p.id}/cite.bib" download>BibTeX</a> · <a href="/publications/${p.id}/cite.ris" download>RIS</a> · <a href="/publications/${p.id}/cite.json" download>CSL-JSON</a></p>`
}

export function publicationPage(p: Publication, citation: Html, feeds?: FeedLinks, head?: Html, style = 'chicago', analysis?: Html): string {
  return layout(
    p.title,
    html`<article>
<p class="kicker">${publicationTypeLabel(p.type)}${p.outlet ? ` - ${p.outlet}` : ''}</p>
<h1>${p.title}${p.subtitle ? html`: ${p.subtitle}` : ''}</h1>
${p.status === 'withdrawn' ? html`<p class="withdrawn">This publication has been withdrawn.</p>` : ''}
<p>${p.authors.map((a, i) => html`${i ? ', ' : ''}<a href="/experts/${encodeURIComponent(displayName(a))}">${displayName(a)}</a>`)}${p.published ? html` | <time datetime="${p.published}">${dateOf(p)}</time>` : ''}</p>
${p.summary ? html`<p><strong>${p.summary}</strong></p>` : ''}
${(p.body?.text.split(/\n\s*\n/) ?? []).map((para) => html`<p>${para}</p>`)}
${p.body?.isExcerpt && p.url ? html`<p><a href="${p.url}">Continue reading at ${p.outlet ?? 'the outlet'}</a></p>` : ''}
${p.contact ? html`<p>For more information on this publication: ${p.contact}</p>` : ''}
${citationBox(p, citation, style)}
${analysis ?? ''}
</article>`,
    { feeds, head },
  )
}

export function errorPage(status: number, message: string): string {
  return layout(`Error ${status}`, html`<h1>${status}</h1><p>${message}</p>`)
}

export interface SearchView {
  q: string
  total: number
  page: number
  pages: number
  hits: { id: string; title: string; snippet: Html; authors: string[]; outlet?: string; type: string; published?: string }[]
  facets?: Record<string, { value: string; count: number }[]>
  suggestion?: string
  error?: string
}

const FACET_LABELS: Record<string, string> = { type: 'Type', author: 'Expert', outlet: 'Outlet', topic: 'Topic', region: 'Region', program: 'Program', entity: 'Named', year: 'Year' }

/** The filter a facet value adds to a query: `type:report`, `author:"Mina Pollmann"`, `year:2023`. */
export function facetFilter(field: string, value: string): string {
  return /^[\p{L}\p{N}-]+$/u.test(value) ? `${field}:${value}` : `${field}:"${value}"`
}

/** A listing page (an expert, an outlet, a topic, a region, a program): its heading, then the search view. */
export function searchPage(v: SearchView, feeds?: FeedLinks, heading?: string): string {
  const link = (q: string, page = 1) => `/search?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ''}`
  const toggle = (field: string, value: string) => {
    const filter = facetFilter(field, value)
    return v.q.includes(filter) ? v.q.replace(filter, '').replace(/\s+/g, ' ').trim() : `${v.q} ${filter}`.trim()
  }
  return layout(
    heading ?? (v.q ? `Search: ${v.q}` : 'Search'),
    html`<h1>${heading ?? 'Search'}</h1>
<form method="get" action="/search" role="search"><label for="q">Search the archive</label>
<input id="q" name="q" type="search" value="${v.q}"> <button type="submit">Search</button></form>
${v.error ? html`<p role="alert">${v.error}</p>` : ''}
${v.suggestion ? html`<p>Did you mean <a href="${link(v.suggestion)}">${v.suggestion}</a>?</p>` : ''}
<p>${v.total} result${v.total === 1 ? '' : 's'}${v.pages > 1 ? html`, page ${v.page} of ${v.pages}` : ''}</p>
<div class="results-layout">
${
  v.facets
    ? html`<aside aria-label="Filters">${Object.entries(v.facets).map(([field, counts]) =>
        counts.length
          ? html`<section><h2>${FACET_LABELS[field] ?? field}</h2><ul>${counts.map(
              (c) => html`<li><a href="${link(toggle(field, c.value))}"${v.q.includes(facetFilter(field, c.value)) ? html` aria-current="true" class="selected"` : ''}>${field === 'type' ? publicationTypeLabel(c.value as Publication['type']) : c.value}</a> (${c.count})</li>`,
            )}</ul></section>`
          : '',
      )}</aside>`
    : ''
}
<ol class="results">${v.hits.map(
      (h) => html`<li><span class="kicker">${publicationTypeLabel(h.type as Publication['type'])}${h.outlet ? ` - ${h.outlet}` : ''}</span><br>
<a href="/publications/${h.id}">${h.title}</a><br><small>${h.authors.join(', ')}${h.published ? ` · ${h.published}` : ''}</small>
${h.snippet.value ? html`<p class="snippet">${h.snippet}</p>` : ''}</li>`,
    )}</ol>
</div>
<nav aria-label="Pages">${v.page > 1 ? html`<a href="${link(v.q, v.page - 1)}" rel="prev">Previous</a> ` : ''}${v.page < v.pages ? html`<a href="${link(v.q, v.page + 1)}" rel="next">Next</a>` : ''}</nav>`,
    { feeds },
  )
}

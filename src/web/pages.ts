import type { Publication } from '../model/index.js'
import { displayName, formatApPartialDate, parsePartialDate, publicationTypeLabel } from '../model/index.js'
import { html, type Html } from './html.js'

/** Feeds of the listing a page shows, announced to browsers and feed readers. */
export interface FeedLinks {
  rss: string
  atom: string
  json: string
}

function layout(title: string, main: Html, feeds?: FeedLinks, head?: Html): string {
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
<style>
body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1a1a1a}
a{color:#0b57d0} .kicker{text-transform:uppercase;letter-spacing:.04em;font-size:.8rem;color:#555}
.citation{background:#f5f5f5;padding:.75rem;border-left:3px solid #999} .withdrawn{background:#fff3cd;padding:.5rem}
li{margin:.4rem 0}
</style>
</head>
<body>
<header><a href="/">Dossier</a></header>
<main>${main}</main>
</body>
</html>
`.value
}

const dateOf = (p: Publication) => {
  const d = p.published ? parsePartialDate(p.published) : undefined
  return d ? formatApPartialDate(d) : ''
}

export function homePage(items: Publication[], feeds?: FeedLinks): string {
  return layout(
    'Publications',
    html`<h1>Publications</h1>
<ul>${items.map(
      (p) => html`<li><span class="kicker">${publicationTypeLabel(p.type)}${p.outlet ? ` - ${p.outlet}` : ''}</span><br>
<a href="/publications/${p.id}">${p.title}</a> <small>${dateOf(p)}</small></li>`,
    )}</ul>
${items.length === 0 ? html`<p>The archive is empty. Add records with <code>npx dossier import FILE</code>.</p>` : ''}`,
    feeds,
  )
}

/** `citation` is the Chicago entry as HTML from citeproc (which escapes the record's text). */
export function publicationPage(p: Publication, citation: Html, feeds?: FeedLinks, head?: Html): string {
  return layout(
    p.title,
    html`<article>
<p class="kicker">${publicationTypeLabel(p.type)}${p.outlet ? ` - ${p.outlet}` : ''}</p>
<h1>${p.title}${p.subtitle ? html`: ${p.subtitle}` : ''}</h1>
${p.status === 'withdrawn' ? html`<p class="withdrawn">This publication has been withdrawn.</p>` : ''}
<p>${p.authors.map(displayName).join(', ')}${p.published ? html` | <time datetime="${p.published}">${dateOf(p)}</time>` : ''}</p>
${p.summary ? html`<p><strong>${p.summary}</strong></p>` : ''}
${(p.body?.text.split(/\n\s*\n/) ?? []).map((para) => html`<p>${para}</p>`)}
${p.body?.isExcerpt && p.url ? html`<p><a href="${p.url}">Continue reading at ${p.outlet ?? 'the outlet'}</a></p>` : ''}
${p.contact ? html`<p>For more information on this publication: ${p.contact}</p>` : ''}
<h2>For Academic Citation</h2>
<div class="citation">${citation}</div>
</article>`,
    feeds,
    head,
  )
}

export function errorPage(status: number, message: string): string {
  return layout(`Error ${status}`, html`<h1>${status}</h1><p>${message}</p>`)
}

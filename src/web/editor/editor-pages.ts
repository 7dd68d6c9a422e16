import { diffWords } from 'diff'
import type { Account, ApiToken, EnrichmentState, EntityCorrectionRow, Publication, RecordEnrichmentRow, Revision } from '../../archive/index.js'
import { PUBLICATION_TYPES, displayName, publicationTypeLabel, type Contributor } from '../../model/index.js'
import { html, type Html } from '../html.js'
import { layout } from '../pages.js'
import { FORM_FIELDS, type FormValues } from './record-form.js'
import { JOB_STATES, type JobState, type JobView } from '../../jobs/index.js'

/** What every signed-in page knows: who is signed in, and the token its forms carry. */
export interface EditorContext {
  account: Account
  csrf: string
}

const csrfField = (ctx: EditorContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`

function editorNav(ctx: EditorContext): Html {
  return html` <a href="/editor">Editor</a> <a href="/editor/new">Add</a> <a href="/editor/import">Import</a> <a href="/editor/enrichment">Enrichment</a>${
    ctx.account.role === 'admin' ? html` <a href="/editor/jobs">Jobs</a> <a href="/editor/tokens">API tokens</a> <a href="/editor/accounts">Accounts</a>` : ''
  } <form method="post" action="/editor/sign-out" class="inline">${csrfField(ctx)}<button type="submit" class="secondary">Sign out ${ctx.account.name}</button></form>`
}

const editorLayout = (ctx: EditorContext, title: string, main: Html, extra: { head?: Html } = {}) => layout(`${title} · Editor`, main, { nav: editorNav(ctx), ...extra })

const notice = (text?: string) => (text ? html`<p class="notice" role="status">${text}</p>` : '')
const alert = (text?: string) => (text ? html`<p class="alert" role="alert">${text}</p>` : '')

export function signInPage(v: { next: string; email?: string; error?: string }): string {
  return layout(
    'Sign in',
    html`<h1>Sign in to the editor</h1>
${alert(v.error)}
<form method="post" action="/editor/sign-in">
<input type="hidden" name="next" value="${v.next}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${v.email ?? ''}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button type="submit">Sign in</button></p>
</form>`,
  )
}

const statusBadge = (p: Publication) => html`<span class="status">${p.status}</span>`

export function dashboardPage(ctx: EditorContext, v: { q: string; items: Publication[]; total: number; notice?: string }): string {
  return editorLayout(
    ctx,
    'Records',
    html`<h1>Records</h1>
${notice(v.notice)}
<form method="get" action="/editor/new">
<label for="add-url">Add from a URL <span class="hint">The page is fetched and its fields extracted for you to check before saving.</span></label>
<input id="add-url" name="url" type="url" required placeholder="https://thediplomat.com/2023/01/…"> <button type="submit">Extract</button>
<a href="/editor/new">or start a blank record</a>
</form>
<form method="get" action="/editor" role="search">
<label for="q">Find records <span class="hint">Drafts, published, withdrawn and deleted; the same query language as the public search.</span></label>
<input id="q" name="q" type="search" value="${v.q}"> <button type="submit">Find</button>
</form>
<p>${v.total} record${v.total === 1 ? '' : 's'}</p>
<table><thead><tr><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Date</th><th scope="col">Changed</th></tr></thead>
<tbody>${v.items.map(
      (p) => html`<tr><td><a href="/editor/publications/${p.id}">${p.title}</a><br><small>${publicationTypeLabel(p.type)}${p.outlet ? ` - ${p.outlet}` : ''}</small></td>
<td>${statusBadge(p)}</td><td>${p.published ?? ''}</td><td>${p.updatedAt.slice(0, 16).replace('T', ' ')}</td></tr>`,
    )}</tbody></table>`,
  )
}

export interface RecordFormView {
  /** Absent for a new record. */
  record?: Publication
  values: FormValues
  problems: Record<string, string>
  /** Where each extracted field came from (JSON-LD, citation_* tags…), shown beside it. */
  sources?: Record<string, string>
  sourceUrl?: string
  notice?: string
  error?: string
}

function fieldControl(name: string, kind: string, value: string, describedBy: string, required: boolean): Html {
  const aria = describedBy ? html` aria-describedby="${describedBy}"` : ''
  if (kind === 'type') {
    return html`<select id="f-${name}" name="${name}"${aria}>${PUBLICATION_TYPES.map((t) => html`<option value="${t.id}"${t.id === (value || 'other') ? ' selected' : ''}>${t.label}</option>`)}</select>`
  }
  if (kind === 'textarea' || kind === 'lines') return html`<textarea id="f-${name}" name="${name}" rows="${kind === 'lines' ? 3 : 6}"${aria}>${value}</textarea>`
  return html`<input id="f-${name}" name="${name}" type="text" value="${value}"${required ? ' required' : ''}${aria}>`
}

const SOURCE_LABELS: Record<string, string> = { 'json-ld': 'JSON-LD', highwire: 'citation_* tags', prism: 'PRISM tags', 'dublin-core': 'Dublin Core', opengraph: 'OpenGraph', twitter: 'Twitter card', readability: 'the page text', given: 'given', feed: 'the feed' }

export function recordFormPage(ctx: EditorContext, v: RecordFormView): string {
  const p = v.record
  const action = p ? `/editor/publications/${p.id}` : '/editor/new'
  const problemCount = Object.keys(v.problems).length
  const fields = FORM_FIELDS.map((f) => {
    const problem = v.problems[f.name]
    const source = v.sources?.[f.name === 'doi' || f.name === 'reportNumber' ? 'identifiers' : f.name === 'bodyIsExcerpt' ? 'body' : f.name]
    const ids = [f.hint ? `h-${f.name}` : '', problem ? `e-${f.name}` : ''].filter(Boolean).join(' ')
    if (f.kind === 'checkbox') {
      return html`<p class="checkbox"><input id="f-${f.name}" name="${f.name}" type="checkbox"${v.values[f.name] === 'on' ? ' checked' : ''}><label for="f-${f.name}">${f.label}</label></p>`
    }
    return html`<label for="f-${f.name}">${f.label}${f.required ? ' (required)' : ''}${source ? html` <span class="source">from ${SOURCE_LABELS[source] ?? source}</span>` : ''}${f.hint ? html`<span class="hint" id="h-${f.name}">${f.hint}</span>` : ''}</label>
${problem ? html`<span class="error" id="e-${f.name}">${f.label}: ${problem}</span>` : ''}
${fieldControl(f.name, f.kind, v.values[f.name] ?? '', ids, f.required ?? false)}`
  })
  return editorLayout(
    ctx,
    p ? `Edit: ${p.title}` : 'Add a record',
    html`<h1>${p ? html`Edit <span class="status">${p.status}</span>` : 'Add a record'}</h1>
${p ? html`<p><a href="/publications/${p.id}">View the public page</a> · <a href="/editor/publications/${p.id}/entities">Entities and dates</a> · <a href="/editor/publications/${p.id}/history">History (${p.revision} revision${p.revision === 1 ? '' : 's'})</a></p>` : ''}
${notice(v.notice)}
${alert(v.error)}
${problemCount ? html`<p class="alert" role="alert">${problemCount} field${problemCount === 1 ? ' needs' : 's need'} correcting before saving.</p>` : ''}
${v.sourceUrl ? html`<p>Extracted from <a href="${v.sourceUrl}">${v.sourceUrl}</a>. Check each field; where it came from is shown beside it.</p>` : ''}
<form method="post" action="${action}" novalidate>
${csrfField(ctx)}
${p ? html`<input type="hidden" name="revision" value="${p.revision}">` : ''}
${fields}
<p><button type="submit">${p ? 'Save changes' : 'Save as draft'}</button></p>
</form>
${p ? statusActions(ctx, p) : ''}`,
  )
}

/** Publish, unpublish, withdraw, delete: each a small form carrying the revision it acts on. */
function statusActions(ctx: EditorContext, p: Publication): Html {
  const button = (action: string, label: string, cls = '') =>
    html`<form method="post" action="/editor/publications/${p.id}/status" class="inline">${csrfField(ctx)}<input type="hidden" name="revision" value="${p.revision}"><input type="hidden" name="action" value="${action}"><button type="submit"${cls ? html` class="${cls}"` : ''}>${label}</button></form>`
  const actions: Html[] = []
  if (p.status !== 'published' && p.status !== 'deleted') actions.push(button('publish', 'Publish'))
  if (p.status === 'published') actions.push(button('withdraw', 'Withdraw', 'secondary'), button('draft', 'Back to draft', 'secondary'))
  if (p.status === 'withdrawn') actions.push(button('draft', 'Back to draft', 'secondary'))
  if (ctx.account.role === 'admin') actions.push(p.status === 'deleted' ? button('draft', 'Undelete (as a draft)') : button('delete', 'Delete', 'danger'))
  return html`<section aria-labelledby="status-h"><h2 id="status-h">Status: ${p.status}</h2>
<p class="hint">Withdrawn pages stay online, say so and keep their citation; deleted ones answer "gone" and harvesters are told.</p>
${actions}</section>`
}

/** A value as a line of text, for diffs. */
function fieldText(field: string, value: unknown): string {
  if (value === undefined || value === null) return ''
  if (field === 'authors') return (value as Contributor[]).map(displayName).join('; ')
  if (field === 'body') return (value as { text: string; isExcerpt: boolean }).text + ((value as { isExcerpt: boolean }).isExcerpt ? ' [excerpt]' : '')
  if (field === 'identifiers') return Object.entries(value as Record<string, string>).map(([k, v]) => `${k}: ${v}`).join('; ')
  if (Array.isArray(value)) return value.join('; ')
  return String(value)
}

function wordDiff(from: string, to: string): Html {
  return html`${diffWords(from, to).map((part) => (part.added ? html`<ins>${part.value}</ins>` : part.removed ? html`<del>${part.value}</del>` : part.value))}`
}

export function historyPage(ctx: EditorContext, v: { record: Publication; revisions: Revision[]; notice?: string }): string {
  const p = v.record
  return editorLayout(
    ctx,
    `History: ${p.title}`,
    html`<h1>History of “${p.title}”</h1>
<p><a href="/editor/publications/${p.id}">Back to the record</a></p>
${notice(v.notice)}
<ol reversed>${[...v.revisions].reverse().map(
      (r) => html`<li><h2>Revision ${r.number}</h2><p>${r.at.replace('T', ' ').slice(0, 19)} UTC by ${r.actor}${r.number === p.revision ? ' (current)' : ''}</p>
${
  r.changes
    ? html`<table><thead><tr><th scope="col">Field</th><th scope="col">Change</th></tr></thead><tbody>${Object.entries(r.changes).map(
        ([field, c]) => html`<tr><th scope="row">${field}</th><td>${wordDiff(fieldText(field, c.from), fieldText(field, c.to))}</td></tr>`,
      )}</tbody></table>`
    : html`<p>Created.</p>`
}
${
  r.number < p.revision
    ? html`<form method="post" action="/editor/publications/${p.id}/restore">${csrfField(ctx)}<input type="hidden" name="revision" value="${p.revision}"><input type="hidden" name="number" value="${r.number}"><button type="submit" class="secondary">Restore the fields as they were at revision ${r.number}</button></form>`
    : ''
}</li>`,
    )}</ol>`,
  )
}

export interface ImportJobView {
  id: string
  source: string
  state: 'running' | 'done' | 'failed'
  done: number
  total?: number
  created: number
  updated: number
  unchanged: number
  failed: { ref: string; error: string }[]
  error?: string
}

export function importPage(ctx: EditorContext, v: { jobs: ImportJobView[]; error?: string }): string {
  return editorLayout(
    ctx,
    'Import',
    html`<h1>Import</h1>
${alert(v.error)}
<form method="post" action="/editor/import" enctype="multipart/form-data">
${csrfField(ctx)}
<label for="file">A file <span class="hint">JSON Lines (one record a line), page-text records, or a saved feed. Importing the same file again adds nothing twice.</span></label>
<input id="file" name="file" type="file" accept=".jsonl,.json,.txt,.xml,.rss,.atom">
<label for="feed">or a feed or page URL <span class="hint">Every entry of an RSS, Atom or JSON feed is fetched and added; entries already in the archive are skipped.</span></label>
<input id="feed" name="url" type="url" placeholder="https://example.org/experts/feed.xml">
<p><button type="submit">Import</button></p>
</form>
${v.jobs.length ? html`<h2>Recent imports</h2><ul>${v.jobs.map((j) => html`<li><a href="/editor/import/${j.id}">${j.source}</a>: ${j.state}, ${j.done} done</li>`)}</ul>` : ''}`,
  )
}

export function importJobPage(ctx: EditorContext, j: ImportJobView): string {
  return layout(
    `Import ${j.source} · Editor`,
    html`<h1>Import of ${j.source}</h1>
<div id="import-progress" data-job="${j.id}" data-state="${j.state}">
<p role="status" aria-live="polite"><span data-field="state">${j.state === 'running' ? 'Running' : j.state === 'done' ? 'Finished' : 'Failed'}</span>: <span data-field="done">${j.done}</span>${j.total ? html` of <span data-field="total">${j.total}</span>` : ''} processed —
<span data-field="created">${j.created}</span> created, <span data-field="updated">${j.updated}</span> updated, <span data-field="unchanged">${j.unchanged}</span> unchanged, <span data-field="failed">${j.failed.length}</span> failed.</p>
${j.total ? html`<progress max="${j.total}" value="${j.done}" aria-label="Import progress">${j.done} of ${j.total}</progress>` : ''}
${alert(j.error)}
${j.failed.length ? html`<h2>Failures</h2><ul>${j.failed.map((f) => html`<li>${f.ref}: ${f.error}</li>`)}</ul>` : ''}
</div>
<p><a href="/editor/import">Back to imports</a> · <a href="/editor">Records</a></p>`,
    // Without JavaScript the page refreshes itself while the import runs.
    { nav: editorNav(ctx), head: j.state === 'running' ? html`<noscript><meta http-equiv="refresh" content="2"></noscript>` : undefined },
  )
}

/**
 * Imports handed to the background workers (server mode, where the server that took the upload
 * may not be the one asked next): each job's state and counts, the page refreshing itself
 * until every job has finished.
 */
export function queuedImportPage(ctx: EditorContext, jobs: JobView[]): string {
  const pending = jobs.some((j) => j.state === 'queued' || j.state === 'active' || j.state === 'retry')
  const sum = (key: string) => jobs.reduce((n, j) => n + (typeof j.output?.[key] === 'number' ? (j.output[key] as number) : 0), 0)
  return editorLayout(
    ctx,
    'Queued import',
    html`<h1>Queued import</h1>
<p role="status" aria-live="polite">${pending ? 'Working' : 'Finished'}: ${String(jobs.filter((j) => j.state === 'completed').length)} of ${String(jobs.length)} jobs done —
${String(sum('created'))} created, ${String(sum('updated'))} updated, ${String(sum('unchanged'))} unchanged, ${String(sum('failed'))} failed.</p>
<table><thead><tr><th scope="col">Part</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Result</th></tr></thead><tbody>${jobs.map(
      (j) => html`<tr><td>${j.label}</td><td>${j.state}</td><td>${String(j.attempts)}</td><td>${j.error ?? jobCounts(j.output)}</td></tr>`,
    )}</tbody></table>
${jobs.flatMap((j) => ((j.output?.failures as { ref: string; error: string }[] | undefined) ?? [])).length
      ? html`<h2>Failures</h2><ul>${jobs.flatMap((j) => (j.output?.failures as { ref: string; error: string }[] | undefined) ?? []).map((f) => html`<li>${f.error}</li>`)}</ul>`
      : ''}
<p><a href="/editor/import">Back to imports</a> · <a href="/editor">Records</a></p>`,
    pending ? { head: html`<meta http-equiv="refresh" content="3">` } : {},
  )
}

export function tokensPage(ctx: EditorContext, v: { tokens: ApiToken[]; created?: { name: string; secret: string } }): string {
  return editorLayout(
    ctx,
    'API tokens',
    html`<h1>API tokens</h1>
${v.created ? html`<div class="notice" role="status"><p>Token “${v.created.name}” created. Copy it now: it is not shown again.</p><p><code id="new-token">${v.created.secret}</code></p></div>` : ''}
<form method="post" action="/editor/tokens">
${csrfField(ctx)}
<label for="token-name">Name <span class="hint">Who or what the token is for.</span></label><input id="token-name" name="name" type="text" required>
<fieldset><legend>Scopes</legend>
${(['read', 'write', 'admin'] as const).map((s) => html`<p class="checkbox"><input id="scope-${s}" name="scope" value="${s}" type="checkbox"${s === 'read' ? ' checked' : ''}><label for="scope-${s}">${s}</label></p>`)}
</fieldset>
<p><button type="submit">Create token</button></p>
</form>
<table><thead><tr><th scope="col">Name</th><th scope="col">Scopes</th><th scope="col">Created</th><th scope="col">State</th></tr></thead><tbody>${v.tokens.map(
      (t) => html`<tr><td>${t.name}</td><td>${t.scopes.join(', ')}</td><td>${t.createdAt.slice(0, 10)}</td><td>${
        t.revokedAt
          ? `revoked ${t.revokedAt.slice(0, 10)}`
          : html`<form method="post" action="/editor/tokens/${t.id}/revoke" class="inline">${csrfField(ctx)}<button type="submit" class="danger">Revoke</button></form>`
      }</td></tr>`,
    )}</tbody></table>`,
  )
}

export function accountsPage(ctx: EditorContext, v: { accounts: Account[]; problems?: Record<string, string>; notice?: string; values?: Record<string, string> }): string {
  const problem = (f: string) => (v.problems?.[f] ? html`<span class="error" id="e-${f}">${v.problems[f]}</span>` : '')
  return editorLayout(
    ctx,
    'Accounts',
    html`<h1>Accounts</h1>
${notice(v.notice)}
<table><thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Created</th></tr></thead><tbody>${v.accounts.map(
      (a) => html`<tr><td>${a.email}</td><td>${a.name}</td><td>${a.role}</td><td>${a.createdAt.slice(0, 10)}</td></tr>`,
    )}</tbody></table>
<h2>Add an account</h2>
<form method="post" action="/editor/accounts">
${csrfField(ctx)}
<label for="a-email">Email</label>${problem('email')}<input id="a-email" name="email" type="email" required value="${v.values?.email ?? ''}">
<label for="a-name">Name</label><input id="a-name" name="name" type="text" value="${v.values?.name ?? ''}">
<label for="a-role">Role</label><select id="a-role" name="role"><option value="editor">editor</option><option value="admin">admin</option></select>
<label for="a-password">Password <span class="hint">At least 12 characters; give it to the person to change.</span></label>${problem('password')}<input id="a-password" name="password" type="password" autocomplete="new-password" required>
<p><button type="submit">Add account</button></p>
</form>`,
  )
}

const KIND_LABELS: Record<string, string> = { PERSON: 'Person', ORG: 'Organisation', LOC: 'Place', AGREEMENT: 'Agreement' }
const kindSelect = (id: string, value = 'PERSON') =>
  html`<select id="${id}" name="type">${Object.entries(KIND_LABELS).map(([k, label]) => html`<option value="${k}"${k === value ? ' selected' : ''}>${label}</option>`)}</select>`

/**
 * A record's entities and dates as enrichment found them, with the corrections an editor
 * can make: remove or add one here, say that a name here is someone else (split), or, for
 * every record, merge an entity into another or rename it. Corrections survive re-enrichment.
 */
export function entitiesEditorPage(ctx: EditorContext, v: {
  record: Publication
  found?: RecordEnrichmentRow
  state?: EnrichmentState
  corrections: EntityCorrectionRow[]
  notice?: string
  error?: string
}): string {
  const p = v.record
  const action = `/editor/publications/${p.id}/entities`
  const form = (kind: string, body: Html, label: string, cls = 'secondary') =>
    html`<form method="post" action="${action}" class="inline">${csrfField(ctx)}<input type="hidden" name="kind" value="${kind}">${body}<button type="submit" class="${cls}">${label}</button></form>`
  const rows = (v.found?.entities ?? []).map((e, i) => html`<tr><td><a href="/entities/${encodeURIComponent(e.key)}">${e.name}</a><br><small>${e.key}</small></td><td>${KIND_LABELS[e.type] ?? e.type}</td><td>${e.mentions}</td><td>${e.surfaces.join(' / ')}</td>
<td>${form('remove', html`<input type="hidden" name="key" value="${e.key}">`, 'Remove here')}
<details><summary>More corrections</summary>
${form('split', html`<input type="hidden" name="key" value="${e.key}"><label for="s-name-${i}">Here it is really</label><input id="s-name-${i}" name="name" type="text" required><label for="s-type-${i}">Kind</label>${kindSelect(`s-type-${i}`, e.type)}`, 'Correct here')}
${form('merge', html`<input type="hidden" name="key" value="${e.key}"><label for="m-target-${i}">Same as (key, in every record)</label><input id="m-target-${i}" name="target" type="text" placeholder="person:fumio-kishida" required>`, 'Merge everywhere')}
${form('rename', html`<input type="hidden" name="key" value="${e.key}"><label for="r-name-${i}">Name (in every record)</label><input id="r-name-${i}" name="name" type="text" value="${e.name}" required>`, 'Rename everywhere')}
</details></td></tr>`)
  return editorLayout(ctx, `Entities: ${p.title}`, html`<h1>Entities and dates</h1>
<p><a href="/editor/publications/${p.id}">Back to the record</a> · <a href="/publications/${p.id}">Public page</a></p>
${notice(v.notice)}
${alert(v.error)}
<p>${v.state ? html`Enriched by version ${v.state.version}, ${v.state.updatedAt.slice(0, 16).replace('T', ' ')}${v.state.status === 'failed' ? html` — <strong class="error">failed (${v.state.attempts} attempt${v.state.attempts === 1 ? '' : 's'}): ${v.state.error}</strong>` : ''}` : 'Not enriched yet.'}
${form('rerun', html``, 'Run enrichment again')}</p>
${rows.length ? html`<table><caption>What this piece names</caption><thead><tr><th scope="col">Entity</th><th scope="col">Kind</th><th scope="col">Mentions</th><th scope="col">Written as</th><th scope="col">Correct</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>No entity found.</p>`}
<h2>Add an entity the rules missed</h2>
${form('add', html`<label for="a-name">Name</label><input id="a-name" name="name" type="text" required><label for="a-type">Kind</label>${kindSelect('a-type')}`, 'Add', '')}
${v.found?.events.length ? html`<h2>Dates it refers to</h2><ul>${v.found.events.map((ev) => html`<li>${ev.value}: ${ev.sentence}</li>`)}</ul>` : ''}
${v.corrections.length ? html`<h2>Corrections that apply</h2><ul>${v.corrections.map((c) => html`<li>${c.kind} ${c.key}${c.target ? ` → ${c.target}` : ''}${c.name ? ` (${c.name})` : ''}${c.publicationId ? '' : ' — every record'}, ${c.createdAt.slice(0, 10)}${c.account ? ` by ${c.account}` : ''}</li>`)}</ul>` : ''}`)
}

/** Records whose enrichment failed: stored and public as they are, waiting for a retry. */
export function enrichmentQueuePage(ctx: EditorContext, v: { failures: EnrichmentState[]; notice?: string }): string {
  return editorLayout(ctx, 'Enrichment', html`<h1>Enrichment failures</h1>
${notice(v.notice)}
<p>Records are stored whatever enrichment does; these failed and are retried up to three times per enricher version.</p>
${v.failures.length ? html`<table><thead><tr><th scope="col">Record</th><th scope="col">Attempts</th><th scope="col">Error</th><th scope="col">When</th></tr></thead>
<tbody>${v.failures.map((f) => html`<tr><td><a href="/editor/publications/${f.publicationId}/entities">${f.publicationId}</a></td><td>${f.attempts}</td><td>${f.error ?? ''}</td><td>${f.updatedAt.slice(0, 16).replace('T', ' ')}</td></tr>`)}</tbody></table>` : html`<p>None.</p>`}
<form method="post" action="/editor/enrichment">${csrfField(ctx)}<button type="submit">Enrich everything that needs it</button></form>`)
}

const jobCounts = (o?: Record<string, unknown>) =>
  o ? Object.entries(o).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${String(v)} ${k}`).join(', ') : ''

/**
 * The background queue for admins: how many jobs wait, run and are done, the latest ones, and
 * the dead-letter list (jobs that failed every retry) with a retry and a discard for each.
 */
export function jobsPage(ctx: EditorContext, v: { counts: Record<JobState, number>; recent: JobView[]; dead: JobView[]; backend: string; notice?: string }): string {
  const when = (j: JobView) => (j.finishedAt ?? j.startedAt ?? j.createdAt).replace('T', ' ').slice(0, 19)
  return editorLayout(
    ctx,
    'Jobs',
    html`<h1>Background jobs</h1>
${notice(v.notice)}
<p>${JOB_STATES.map((s) => `${v.counts[s]} ${s}`).join(' · ')} <span class="hint">(${v.backend === 'postgres' ? 'the PostgreSQL queue, worked by dossier worker processes and servers' : 'the archive file\'s queue, worked by this server'})</span></p>
<h2 id="dead">Dead letters</h2>
${v.dead.length === 0
      ? html`<p>None: every job that failed was retried successfully, or none failed.</p>`
      : html`<table><thead><tr><th scope="col">Job</th><th scope="col">What</th><th scope="col">Failed</th><th scope="col">Error</th><th scope="col">Actions</th></tr></thead><tbody>${v.dead.map(
          (j) => html`<tr><td>${j.kind}</td><td>${j.label}</td><td>${when(j)}</td><td>${j.error ?? ''}</td><td>
<form method="post" action="/editor/jobs/${j.id}/retry" class="inline">${csrfField(ctx)}<button type="submit">Retry</button></form>
<form method="post" action="/editor/jobs/${j.id}/discard" class="inline">${csrfField(ctx)}<button type="submit" class="secondary">Discard</button></form></td></tr>`,
        )}</tbody></table>`}
<h2>Latest jobs</h2>
<form method="post" action="/editor/jobs/reindex">${csrfField(ctx)}<button type="submit" class="secondary">Reindex the archive</button>
<span class="hint">Writes every record's search rows again, in the background: after an upgrade that changes what search reads, or to repair.</span></form>
${v.recent.length === 0
      ? html`<p>No jobs yet.</p>`
      : html`<table><thead><tr><th scope="col">Job</th><th scope="col">What</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">When</th><th scope="col">Result</th></tr></thead><tbody>${v.recent.map(
          (j) => html`<tr><td>${j.kind}</td><td>${j.label}</td><td>${j.state}</td><td>${String(j.attempts)}</td><td>${when(j)}</td><td>${j.error ?? jobCounts(j.output)}</td></tr>`,
        )}</tbody></table>`}`,
  )
}

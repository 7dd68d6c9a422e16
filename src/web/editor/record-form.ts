import type { Contributor, FieldProblem, PublicationDraft, PublicationFields } from '../../model/index.js'
import { checkPublication, displayName } from '../../model/index.js'

/**
 * The edit form as flat text fields, and back. Lists (authors, topics…) are one item a line;
 * an author line ending in "(organization)" is an organisation, any other a person.
 */

export type FieldKind = 'text' | 'textarea' | 'lines' | 'type' | 'checkbox'

export interface FormField {
  name: string
  label: string
  kind: FieldKind
  hint?: string
  required?: boolean
}

export const FORM_FIELDS: FormField[] = [
  { name: 'type', label: 'Type', kind: 'type' },
  { name: 'title', label: 'Title', kind: 'text', required: true },
  { name: 'subtitle', label: 'Subtitle', kind: 'text' },
  { name: 'authors', label: 'Authors', kind: 'lines', hint: 'One a line, as "Mina Pollmann" or "Pollmann, Mina"; end a line with "(organization)" for an organisation.' },
  { name: 'outlet', label: 'Outlet', kind: 'text', hint: 'Where it appeared: The Diplomat, Foreign Affairs…' },
  { name: 'published', label: 'Date published', kind: 'text', hint: '2023-01-18, 2023-01 or 2023.' },
  { name: 'url', label: 'Original URL', kind: 'text', hint: 'The piece at its outlet.' },
  { name: 'summary', label: 'Summary', kind: 'textarea' },
  { name: 'body', label: 'Text', kind: 'textarea' },
  { name: 'bodyIsExcerpt', label: 'The text is an excerpt (the full piece lives at the outlet)', kind: 'checkbox' },
  { name: 'publishers', label: 'Publishers', kind: 'lines', hint: 'The center(s) behind the piece, one a line.' },
  { name: 'program', label: 'Program', kind: 'text' },
  { name: 'project', label: 'Project', kind: 'text' },
  { name: 'topics', label: 'Topics', kind: 'lines', hint: 'One a line.' },
  { name: 'regions', label: 'Regions', kind: 'lines', hint: 'One a line.' },
  { name: 'contact', label: 'Contact office', kind: 'text' },
  { name: 'doi', label: 'DOI', kind: 'text' },
  { name: 'reportNumber', label: 'Report number', kind: 'text' },
  { name: 'volume', label: 'Volume', kind: 'text' },
  { name: 'issue', label: 'Issue', kind: 'text' },
  { name: 'pages', label: 'Pages', kind: 'text' },
  { name: 'language', label: 'Language', kind: 'text', hint: 'A language tag: en, en-US, ja.' },
  { name: 'rights', label: 'Rights', kind: 'text' },
  { name: 'featured', label: 'Feature on the home page', kind: 'checkbox' },
]

const ORGANIZATION = /\s*\(organi[sz]ation\)\s*$/i
const IDENTIFIER_FIELDS = ['doi', 'isbn', 'issn', 'reportNumber'] as const

export type FormValues = Record<string, string>

const authorLine = (c: Contributor) => (c.kind === 'organization' ? `${c.name} (organization)` : displayName(c))

/** A record's (or an extracted draft's) fields as form values. */
export function formValuesOf(fields: Partial<PublicationFields> | PublicationDraft): FormValues {
  const values: FormValues = {}
  const f = fields as Partial<PublicationFields>
  for (const field of FORM_FIELDS) {
    const v = (f as Record<string, unknown>)[field.name]
    if (typeof v === 'string') values[field.name] = v
  }
  values.authors = (f.authors ?? []).map(authorLine).join('\n')
  for (const name of ['publishers', 'topics', 'regions'] as const) values[name] = (f[name] ?? []).join('\n')
  for (const name of IDENTIFIER_FIELDS) if (f.identifiers?.[name]) values[name] = f.identifiers[name]!
  values.body = f.body?.text ?? ''
  values.bodyIsExcerpt = f.body?.isExcerpt ? 'on' : ''
  values.featured = f.featured ? 'on' : ''
  return values
}

/** The text values of a posted form (a repeated name keeps its last value). */
export function formValuesFrom(body: Record<string, string | string[] | undefined>): FormValues {
  const values: FormValues = {}
  for (const field of FORM_FIELDS) {
    const v = body[field.name]
    values[field.name] = (Array.isArray(v) ? v.at(-1) : v) ?? ''
  }
  return values
}

const lines = (s: string | undefined) => (s ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)

/**
 * Form values to a validated draft, or the problems keyed by form field. Author lines that
 * show an existing author unchanged keep that author as stored, so saving an untouched form
 * changes nothing.
 */
export function draftFromForm(values: FormValues, existingAuthors: Contributor[] = []): { draft: PublicationDraft; problems: Record<string, string> } | { draft?: undefined; problems: Record<string, string> } {
  const known = new Map(existingAuthors.map((c) => [authorLine(c), c]))
  const input: Record<string, unknown> = {}
  for (const field of FORM_FIELDS) {
    const v = values[field.name]?.trim()
    if (field.kind === 'text' && v && !(IDENTIFIER_FIELDS as readonly string[]).includes(field.name)) input[field.name] = v
  }
  if (values.type?.trim()) input.type = values.type.trim()
  input.authors = lines(values.authors).map((line) => known.get(line) ?? (ORGANIZATION.test(line) ? { organization: line.replace(ORGANIZATION, '') } : line))
  for (const name of ['publishers', 'topics', 'regions']) input[name] = lines(values[name])
  const identifiers = Object.fromEntries(IDENTIFIER_FIELDS.map((k) => [k, values[k]?.trim()]).filter(([, v]) => v))
  if (Object.keys(identifiers).length > 0) input.identifiers = identifiers
  if (values.body?.trim()) input.body = { text: values.body.trim(), isExcerpt: values.bodyIsExcerpt === 'on' }
  if (values.featured === 'on') input.featured = true
  const checked = checkPublication(input)
  if (checked.draft) return { draft: checked.draft, problems: {} }
  return { problems: problemsByFormField(checked.problems) }
}

/** `authors.1.family` -> `authors`, `identifiers.doi` -> `doi`, `body.text` -> `body`: the field that shows it. */
function problemsByFormField(problems: FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of problems) {
    const [head, second] = (p.field ?? 'title').split('.')
    const name = head === 'identifiers' && second ? second : head!
    const message = head === 'authors' && second ? `line ${Number(second) + 1}: ${p.message}` : p.message
    out[name] ??= message
  }
  return out
}

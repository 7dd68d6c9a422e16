import { z } from 'zod'
import { AppError } from '../shared/index.js'
import type { Contributor } from './contributor.js'
import { parseInvertedName, parsePersonName } from './contributor.js'
import { formatIsoPartialDate, parsePartialDate } from './partial-date.js'
import { PUBLICATION_TYPE_IDS, findPublicationType, type PublicationTypeId } from './publication-type.js'

/**
 * A draft is seen by editors only; a withdrawn piece keeps its page, which says so; a deleted
 * one is a tombstone: its page answers 410 Gone and harvesters are told it is gone.
 */
export const PUBLICATION_STATUSES = ['draft', 'published', 'withdrawn', 'deleted'] as const
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number]

/** The text of a piece: the full text, or an excerpt when the full text lives at the outlet. */
export interface Body {
  text: string
  isExcerpt: boolean
}

export interface Identifiers {
  doi?: string
  isbn?: string
  issn?: string
  reportNumber?: string
}

/**
 * Everything Dossier knows about one piece, apart from its identity and bookkeeping.
 * Dates are ISO-8601 prefixes at the precision the source gives (`2023`, `2023-01`,
 * `2023-01-18`); see partial-date.ts.
 */
export interface PublicationFields {
  type: PublicationTypeId
  title: string
  subtitle?: string
  summary?: string
  /** In credit order. */
  authors: Contributor[]
  /** Where the piece appeared: a newspaper, magazine, journal or the center itself. */
  outlet?: string
  /** The center(s) or publisher(s) behind the piece; co-publishers allowed. */
  publishers: string[]
  program?: string
  project?: string
  published?: string
  modified?: string
  /** The original address, at the outlet. */
  url?: string
  identifiers: Identifiers
  volume?: string
  issue?: string
  pages?: string
  /** BCP 47 tag, e.g. `en`, `en-US`, `ja`. */
  language?: string
  topics: string[]
  regions: string[]
  /** The office to contact about the piece ("Belfer Communications Office"). */
  contact?: string
  body?: Body
  rights?: string
  status: PublicationStatus
  /** Shown among the featured pieces on the home page. */
  featured?: boolean
}

/** A stored record. `revision` counts the revisions written so far, starting at 1. */
export interface Publication extends PublicationFields {
  id: string
  slug: string
  createdAt: string
  updatedAt: string
  revision: number
}

/** The editable fields, in the order pages, diffs and exports show them. */
export const PUBLICATION_FIELD_NAMES = [
  'type', 'title', 'subtitle', 'summary', 'authors', 'outlet', 'publishers', 'program', 'project',
  'published', 'modified', 'url', 'identifiers', 'volume', 'issue', 'pages', 'language', 'topics',
  'regions', 'contact', 'body', 'rights', 'status', 'featured',
] as const satisfies readonly (keyof PublicationFields)[]

// ---- validation of input from any source (page text, JSON Lines, API) ----

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(max).optional())
const list = z.array(text(300)).transform((xs) => [...new Set(xs)]).optional()

const personSchema = z
  .object({
    kind: z.literal('person').optional(),
    family: text(200),
    given: optionalText(200),
    particle: optionalText(50),
    suffix: optionalText(20),
    familyFirst: z.boolean().optional(),
  })
  .strict()
  .transform((p): Contributor => {
    const out: Contributor = { kind: 'person', family: p.family }
    if (p.given) out.given = p.given
    if (p.particle) out.particle = p.particle
    if (p.suffix) out.suffix = p.suffix
    if (p.familyFirst) out.familyFirst = true
    return out
  })

const organizationSchema = z
  .union([
    z.object({ kind: z.literal('organization'), name: text(300) }).strict(),
    z.object({ organization: text(300) }).strict().transform((o) => ({ kind: 'organization' as const, name: o.organization })),
  ])
  .transform((o): Contributor => ({ kind: 'organization', name: o.name }))

/** Authors may be given as objects or as plain names, "Mina Pollmann" or "Pollmann, Mina". */
const contributorSchema = z.union([
  text(300).transform((s): Contributor => (s.includes(',') ? parseInvertedName(s) : parsePersonName(s))),
  organizationSchema,
  personSchema,
])

const partialDateSchema = z.string().transform((s, ctx) => {
  const d = parsePartialDate(s)
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a date (expected e.g. 2023-01-18, 2023-01, 2023 or Jan. 18, 2023)` })
    return z.NEVER
  }
  return formatIsoPartialDate(d)
})

const urlSchema = z.string().trim().transform((s, ctx) => {
  try {
    const u = new URL(s)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme')
    return u.href
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not an http(s) URL` })
    return z.NEVER
  }
})

const typeSchema = z.string().transform((s, ctx) => {
  const id = findPublicationType(s)
  if (!id) {
    ctx.addIssue({ code: 'custom', message: `unknown publication type "${s}" (known: ${PUBLICATION_TYPE_IDS.join(', ')})` })
    return z.NEVER
  }
  return id
})

const bodySchema = z.union([
  text(5_000_000).transform((t): Body => ({ text: t, isExcerpt: false })),
  z.object({ text: text(5_000_000), isExcerpt: z.boolean().default(false) }).strict(),
])

/** The shape accepted for a new or updated record, from JSON Lines, the API or a parser. */
export const publicationInputSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'must be 3-64 lowercase letters, digits or dashes').optional(),
    type: typeSchema.optional(),
    title: text(1000),
    subtitle: optionalText(1000),
    summary: optionalText(20_000),
    authors: z.array(contributorSchema).optional(),
    outlet: optionalText(300),
    publishers: list,
    program: optionalText(300),
    project: optionalText(300),
    published: partialDateSchema.optional(),
    modified: z.iso.datetime({ offset: true }).or(partialDateSchema).optional(),
    url: urlSchema.optional(),
    identifiers: z
      .object({ doi: optionalText(200), isbn: optionalText(40), issn: optionalText(40), reportNumber: optionalText(100) })
      .strict()
      .optional(),
    volume: optionalText(50),
    issue: optionalText(50),
    pages: optionalText(50),
    language: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as en or en-US').optional(),
    topics: list,
    regions: list,
    contact: optionalText(300),
    body: bodySchema.optional(),
    rights: optionalText(1000),
    status: z.enum(PUBLICATION_STATUSES).optional(),
    featured: z.boolean().optional(),
  })
  .strict()

export type PublicationInput = z.input<typeof publicationInputSchema>
/**
 * A validated, normalised record that has no identity yet (or names the id it wants).
 * Fields the source did not state are absent, so an update keeps what the archive has.
 */
export type PublicationDraft = z.output<typeof publicationInputSchema>

/**
 * Validates input from any source. Throws one AppError INVALID_INPUT naming the first
 * offending field (`authors.1.family: must not be empty`); nothing is partially accepted.
 */
export function validatePublication(input: unknown): PublicationDraft {
  const checked = checkPublication(input)
  if (checked.draft) return checked.draft
  const first = checked.problems[0]!
  throw new AppError('INVALID_INPUT', first.message, { field: first.field })
}

/** A problem with one field of the input: `authors.1.family`, `must not be empty`. */
export interface FieldProblem {
  field?: string
  message: string
}

/** Like validatePublication, but reports every problem at once (what a form shows beside each field). */
export function checkPublication(input: unknown): { draft: PublicationDraft; problems: [] } | { draft?: undefined; problems: FieldProblem[] } {
  const result = publicationInputSchema.safeParse(input)
  if (result.success) return { draft: dropUndefined(result.data), problems: [] }
  return {
    problems: result.error.issues.map((issue) => ({
      field: issue.path.join('.') || undefined,
      message:
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.code === 'invalid_type' && issue.input === undefined
            ? 'is required'
            : issue.message,
    })),
  }
}

function dropUndefined<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key]
  const ids = (o as { identifiers?: Record<string, unknown> }).identifiers
  if (ids) for (const k of Object.keys(ids)) if (ids[k] === undefined) delete ids[k]
  return o
}

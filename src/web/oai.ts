import type { Archive } from '../archive/index.js'
import type { Publication } from '../model/index.js'
import { PUBLICATION_TYPES, publicationTypeLabel, slugify } from '../model/index.js'
import { escapeHtml as escapeXml } from './html.js'

/**
 * An OAI-PMH 2.0 data provider (https://www.openarchives.org/OAI/openarchivesprotocol.html):
 * the six verbs, oai_dc records, sets by type, topic, region and program, stateless
 * resumption tokens, withdrawn and deleted records reported as deleted (persistently).
 */

export interface OaiConfig {
  /** Where the site is served, for the base URL and record pages: `https://archive.example`. */
  siteUrl: string
  repositoryName: string
  adminEmail: string
  /** Records or headers per page of a list. */
  pageSize: number
}

type Args = Record<string, string | string[] | undefined>

class OaiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const VERBS: Record<string, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
}

const SET_FIELDS = ['type', 'topic', 'region', 'program'] as const
type SetField = (typeof SET_FIELDS)[number]

const DAY = /^\d{4}-\d{2}-\d{2}$/
const SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

/** Record datestamps at the granularity Identify declares: seconds, UTC. */
const datestamp = (iso: string) => `${iso.slice(0, 19)}Z`

type SetFilter = { type?: string; facet?: { field: 'topic' | 'region' | 'program'; value: string } }

interface Token {
  verb: string
  metadataPrefix: string
  from?: string
  until?: string
  set?: string
  after: { at: string; id: string }
  cursor: number
  total: number
}

function encodeToken(t: Token): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url')
}

function decodeToken(s: string, verb: string): Token {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Token
    if (t && t.verb === verb && typeof t.cursor === 'number' && typeof t.after?.at === 'string' && typeof t.after?.id === 'string') return t
  } catch {
    // one error below
  }
  throw new OaiError('badResumptionToken', 'The resumption token is invalid or belongs to another verb.')
}

/** A from/until argument as the inclusive bound on updatedAt (which carries milliseconds). */
function bound(value: string, end: boolean): string {
  if (DAY.test(value)) return `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`
  return `${value.slice(0, 19)}.${end ? '999' : '000'}Z`
}

function validDate(value: string): boolean {
  if (!DAY.test(value) && !SECOND.test(value)) return false
  const d = new Date(DAY.test(value) ? `${value}T00:00:00Z` : value)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, value.length === 10 ? 10 : 19) === value.slice(0, value.length === 10 ? 10 : 19)
}

export class OaiProvider {
  readonly #archive: Archive
  readonly #config: OaiConfig
  readonly #host: string

  constructor(archive: Archive, config: OaiConfig) {
    this.#archive = archive
    this.#config = config
    this.#host = new URL(config.siteUrl).hostname
  }

  get baseUrl(): string {
    return `${this.#config.siteUrl.replace(/\/$/, '')}/oai`
  }

  identifierOf(id: string): string {
    return `oai:${this.#host}:${id}`
  }

  /** The whole response document for a request's arguments (from the query or a POST body). */
  async respond(args: Args, now = new Date()): Promise<string> {
    let body: string
    let requestAttributes = ''
    try {
      const verb = args.verb
      if (typeof verb !== 'string' || !(verb in VERBS)) {
        throw new OaiError('badVerb', Array.isArray(verb) ? 'The verb argument is repeated.' : verb === undefined ? 'The verb argument is missing.' : `"${verb}" is not an OAI-PMH verb.`)
      }
      const a = this.#checkArguments(verb, args)
      // The request element repeats the arguments only when they were valid.
      requestAttributes = Object.entries({ verb, ...a })
        .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
        .join('')
      body = await this.#dispatch(verb, a)
    } catch (err) {
      if (!(err instanceof OaiError)) throw err
      // After badVerb or badArgument the request element carries no attributes; other errors
      // keep them, as the protocol's examples do.
      if (err.code === 'badVerb' || err.code === 'badArgument') requestAttributes = ''
      body = `<error code="${err.code}">${escapeXml(err.message)}</error>`
    }
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n' +
      `<responseDate>${now.toISOString().slice(0, 19)}Z</responseDate>\n` +
      `<request${requestAttributes}>${escapeXml(this.baseUrl)}</request>\n` +
      `${body}\n</OAI-PMH>\n`
    )
  }

  #checkArguments(verb: string, args: Args): Record<string, string> {
    const spec = VERBS[verb]!
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(args)) {
      if (k === 'verb' || v === undefined) continue
      if (Array.isArray(v)) throw new OaiError('badArgument', `The argument "${k}" is repeated.`)
      if (![...spec.required, ...spec.optional, spec.exclusive].includes(k)) throw new OaiError('badArgument', `"${k}" is not an argument of ${verb}.`)
      out[k] = v
    }
    if (spec.exclusive && out[spec.exclusive] !== undefined) {
      if (Object.keys(out).length > 1) throw new OaiError('badArgument', `${spec.exclusive} is an exclusive argument: it cannot be combined with others.`)
      return out
    }
    for (const r of spec.required) if (out[r] === undefined) throw new OaiError('badArgument', `${verb} needs the argument "${r}".`)
    for (const k of ['from', 'until'] as const) {
      if (out[k] !== undefined && !validDate(out[k]!)) throw new OaiError('badArgument', `"${out[k]}" is not a date of the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (${k}).`)
    }
    if (out.from && out.until) {
      if (out.from.length !== out.until.length) throw new OaiError('badArgument', 'from and until must have the same granularity.')
      if (out.from > out.until) throw new OaiError('badArgument', 'from is after until.')
    }
    return out
  }

  async #dispatch(verb: string, a: Record<string, string>): Promise<string> {
    switch (verb) {
      case 'Identify':
        return this.#identify()
      case 'ListMetadataFormats':
        if (a.identifier) await this.#record(a.identifier)
        return (
          '<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix>' +
          '<schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>' +
          '<metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat></ListMetadataFormats>'
        )
      case 'ListSets':
        if (a.resumptionToken) throw new OaiError('badResumptionToken', 'ListSets is answered in one response: there is no token to resume.')
        return this.#listSets()
      case 'GetRecord': {
        this.#checkPrefix(a.metadataPrefix!)
        const p = await this.#record(a.identifier!)
        return `<GetRecord>${this.#recordXml(p)}</GetRecord>`
      }
      default:
        return this.#list(verb, a)
    }
  }

  async #identify(): Promise<string> {
    const earliest = (await this.#archive.earliestChange()) ?? '1970-01-01T00:00:00.000Z'
    return (
      `<Identify><repositoryName>${escapeXml(this.#config.repositoryName)}</repositoryName>` +
      `<baseURL>${escapeXml(this.baseUrl)}</baseURL><protocolVersion>2.0</protocolVersion>` +
      `<adminEmail>${escapeXml(this.#config.adminEmail)}</adminEmail>` +
      `<earliestDatestamp>${datestamp(earliest)}</earliestDatestamp><deletedRecord>persistent</deletedRecord>` +
      '<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>' +
      `<description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">' +
      `<scheme>oai</scheme><repositoryIdentifier>${escapeXml(this.#host)}</repositoryIdentifier><delimiter>:</delimiter>` +
      `<sampleIdentifier>${escapeXml(this.identifierOf('abcd1234efgh'))}</sampleIdentifier></oai-identifier></description></Identify>`
    )
  }

  async #listSets(): Promise<string> {
    const sets: [string, string][] = [
      ['type', 'Publication types'],
      ...PUBLICATION_TYPES.map((t) => [`type:${t.id}`, t.label] as [string, string]),
    ]
    for (const field of ['topic', 'region', 'program'] as const) {
      const values = await this.#archive.fieldValues(field)
      if (values.length) sets.push([field, `${field[0]!.toUpperCase()}${field.slice(1)}s`])
      for (const v of values) sets.push([`${field}:${slugify(v)}`, v])
    }
    return `<ListSets>${sets.map(([spec, name]) => `<set><setSpec>${escapeXml(spec)}</setSpec><setName>${escapeXml(name)}</setName></set>`).join('')}</ListSets>`
  }

  #checkPrefix(prefix: string) {
    if (prefix !== 'oai_dc') throw new OaiError('cannotDisseminateFormat', `The metadata format "${prefix}" is not supported; use oai_dc.`)
  }

  async #record(identifier: string): Promise<Publication> {
    const prefix = `oai:${this.#host}:`
    const id = identifier.startsWith(prefix) ? identifier.slice(prefix.length) : undefined
    const p = id ? await this.#archive.get(id).catch(() => undefined) : undefined
    if (!p || p.id !== id || p.status === 'draft') throw new OaiError('idDoesNotExist', `No record has the identifier "${identifier}".`)
    return p
  }

  /** A set spec as a filter on the store; undefined when no such set exists. */
  async #setFilter(spec: string): Promise<SetFilter | undefined> {
    const [field, value, ...rest] = spec.split(':')
    if (rest.length || !SET_FIELDS.includes(field as SetField)) return undefined
    if (field === 'type') {
      if (value === undefined) return {}
      return PUBLICATION_TYPES.some((t) => t.id === value) ? { type: value } : undefined
    }
    const values = await this.#archive.fieldValues(field as 'topic' | 'region' | 'program')
    if (value === undefined) return undefined
    const match = values.find((v) => slugify(v) === value)
    return match ? { facet: { field: field as 'topic' | 'region' | 'program', value: match } } : undefined
  }

  async #list(verb: string, a: Record<string, string>): Promise<string> {
    let t: Token
    if (a.resumptionToken) t = decodeToken(a.resumptionToken, verb)
    else {
      this.#checkPrefix(a.metadataPrefix!)
      t = { verb, metadataPrefix: a.metadataPrefix!, from: a.from && bound(a.from, false), until: a.until && bound(a.until, true), set: a.set, after: { at: '', id: '' }, cursor: 0, total: 0 }
    }
    let filter: SetFilter | undefined = {}
    if (t.set) {
      filter = await this.#setFilter(t.set)
      if (!filter) throw new OaiError('noRecordsMatch', `There is no set "${t.set}".`)
    }
    const page = await this.#archive.changes({ from: t.from, until: t.until, ...filter, after: t.after.at ? t.after : undefined, limit: this.#config.pageSize })
    if (page.items.length === 0) {
      if (a.resumptionToken) throw new OaiError('badResumptionToken', 'The resumption token points past the end of the list.')
      throw new OaiError('noRecordsMatch', 'No records match these arguments.')
    }
    const full = verb === 'ListRecords'
    const items = page.items.map((p) => (full ? this.#recordXml(p) : this.#headerXml(p))).join('')
    const total = a.resumptionToken ? t.total : page.total
    const seen = t.cursor + page.items.length
    let tokenXml = ''
    if (seen < total) {
      const last = page.items[page.items.length - 1]!
      const next = encodeToken({ ...t, after: { at: last.updatedAt, id: last.id }, cursor: seen, total })
      tokenXml = `<resumptionToken completeListSize="${total}" cursor="${t.cursor}">${next}</resumptionToken>`
    } else if (t.cursor > 0) {
      // The last page of a resumed list ends with an empty token.
      tokenXml = `<resumptionToken completeListSize="${total}" cursor="${t.cursor}"/>`
    }
    return `<${verb}>${items}${tokenXml}</${verb}>`
  }

  #setSpecs(p: Publication): string[] {
    return [`type:${p.type}`, ...p.topics.map((v) => `topic:${slugify(v)}`), ...p.regions.map((v) => `region:${slugify(v)}`), ...(p.program ? [`program:${slugify(p.program)}`] : [])]
  }

  #headerXml(p: Publication): string {
    const deleted = isGone(p) ? ' status="deleted"' : ''
    return (
      `<header${deleted}><identifier>${escapeXml(this.identifierOf(p.id))}</identifier><datestamp>${datestamp(p.updatedAt)}</datestamp>` +
      this.#setSpecs(p).map((s) => `<setSpec>${escapeXml(s)}</setSpec>`).join('') +
      '</header>'
    )
  }

  /** A deleted (withdrawn or deleted) record is its header alone, as the protocol asks. */
  #recordXml(p: Publication): string {
    if (isGone(p)) return `<record>${this.#headerXml(p)}</record>`
    return `<record>${this.#headerXml(p)}<metadata>${this.#dublinCore(p)}</metadata></record>`
  }

  /** The 15 Dublin Core elements, as far as the record fills them. */
  #dublinCore(p: Publication): string {
    const el = (name: string, value: string | undefined) => (value ? `<dc:${name}>${escapeXml(value)}</dc:${name}>` : '')
    const creator = (c: Publication['authors'][number]) => (c.kind === 'organization' ? c.name : `${[c.particle, c.family].filter(Boolean).join(' ')}${c.given ? `, ${c.given}` : ''}`)
    const page = `${this.#config.siteUrl.replace(/\/$/, '')}/publications/${p.id}`
    return (
      '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">' +
      el('title', p.subtitle ? `${p.title}: ${p.subtitle}` : p.title) +
      p.authors.map((c) => el('creator', creator(c))).join('') +
      p.topics.map((t) => el('subject', t)).join('') +
      el('description', p.summary) +
      p.publishers.map((x) => el('publisher', x)).join('') +
      el('date', p.published) +
      el('type', publicationTypeLabel(p.type)) +
      el('identifier', p.url) +
      el('identifier', page) +
      (p.identifiers.doi ? el('identifier', `https://doi.org/${p.identifiers.doi}`) : '') +
      el('source', p.outlet) +
      el('language', p.language) +
      p.regions.map((r) => el('coverage', r)).join('') +
      el('rights', p.rights) +
      '</oai_dc:dc>'
    )
  }
}

/** What harvesters must drop: the record left the public archive. */
const isGone = (p: Publication) => p.status === 'withdrawn' || p.status === 'deleted'

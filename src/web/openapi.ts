import { z } from 'zod'
import { CITATION_FORMATS, EXPORT_FORMATS } from '../archive/index.js'
import { PUBLICATION_STATUSES, publicationInputSchema } from '../model/index.js'
import { ERROR_CODES } from '../shared/index.js'

/**
 * The OpenAPI 3.1 description of /api/v1. The record's schema is generated from the same zod
 * schema that validates what the API receives, so the two cannot drift apart.
 */
export function buildOpenApi(siteUrl: string): Record<string, unknown> {
  const input = z.toJSONSchema(publicationInputSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>
  delete input.$schema
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } })
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The record id (or its slug, for reads).' }
  const ifMatch = { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The ETag the record was read with.' }
  const record = { description: 'The record', headers: { ETag: { schema: { type: 'string' } } }, content: { 'application/json': { schema: ref('Publication') } } }
  const writeErrors = {
    '400': problem('Invalid input'),
    '401': problem('No valid token'),
    '403': problem('The token lacks the write scope'),
    '404': problem('No such record'),
    '412': problem('The record changed since it was read'),
    '428': problem('If-Match is missing'),
    '429': problem('Rate limited'),
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Dossier API', version: '1.0.0', description: 'Publication records of a policy research center: read, search, cite, export; write with a token.' },
    servers: [{ url: `${siteUrl.replace(/\/$/, '')}/api/v1` }],
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'Created with `dossier token create --scope read|write|admin`.' } },
      schemas: {
        Job: {
          type: 'object',
          required: ['id', 'kind', 'state', 'attempts', 'label', 'createdAt'],
          properties: {
            id: { type: 'string' },
            kind: { type: 'string', enum: ['import', 'ingest', 'enrich', 'reindex'] },
            state: { type: 'string', enum: ['queued', 'retry', 'active', 'completed', 'dead'] },
            attempts: { type: 'integer' },
            label: { type: 'string' },
            createdAt: { type: 'string', format: 'date-time' },
            startedAt: { type: 'string', format: 'date-time' },
            finishedAt: { type: 'string', format: 'date-time' },
            error: { type: 'string' },
            output: { type: 'object', description: 'created, updated, unchanged, failed and the first failures' },
          },
        },
        PublicationInput: input,
        Publication: {
          allOf: [
            ref('PublicationInput'),
            {
              type: 'object',
              required: ['id', 'slug', 'createdAt', 'updatedAt', 'revision'],
              properties: { id: { type: 'string' }, slug: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' }, revision: { type: 'integer', minimum: 1 } },
            },
          ],
        },
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details, with the stable code of the error catalogue.',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string', enum: Object.keys(ERROR_CODES) },
            field: { type: 'string' },
            instance: { type: 'string' },
          },
        },
      },
    },
    paths: {
      '/publications': {
        get: {
          summary: 'Records, newest first',
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: [...PUBLICATION_STATUSES] }, description: 'Other than published needs a write token.' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            ...['type', 'author', 'outlet', 'topic', 'region', 'program', 'year'].map((name) => ({
              name,
              in: 'query',
              schema: { type: 'string' },
              description: `Only records whose ${name} is this (case and accents ignored; published records, at most 100 a page).`,
            })),
          ],
          responses: {
            '200': { description: 'A page', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: ref('Publication') }, nextCursor: { type: 'string' } } } } } },
            '400': problem('Invalid parameters'),
          },
        },
        post: {
          summary: 'Create a record (a draft unless status says otherwise)',
          security: [{ token: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('PublicationInput') } } },
          responses: { '201': { ...record, headers: { ...record.headers, Location: { schema: { type: 'string' } } } }, ...writeErrors, '409': problem('The id or URL is taken') },
        },
      },
      '/publications/{id}': {
        get: { summary: 'One record', parameters: [idParam], responses: { '200': record, '304': { description: 'Not modified (If-None-Match)' }, '404': problem('No such record'), '410': problem('The record was deleted') } },
        delete: {
          summary: 'Delete: the record becomes a tombstone (410 for readers, deleted for harvesters); an admin can PATCH its status back',
          security: [{ token: [] }],
          parameters: [idParam, ifMatch],
          responses: { '204': { description: 'Deleted' }, ...writeErrors },
        },
        patch: {
          summary: 'Change the fields given',
          security: [{ token: [] }],
          parameters: [idParam, ifMatch],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: 'Any fields of PublicationInput.' } } } },
          responses: { '200': record, ...writeErrors },
        },
      },
      '/publications/{id}/publish': { post: { summary: 'Publish', security: [{ token: [] }], parameters: [idParam, ifMatch], responses: { '200': record, ...writeErrors } } },
      '/publications/{id}/withdraw': { post: { summary: 'Withdraw', security: [{ token: [] }], parameters: [idParam, ifMatch], responses: { '200': record, ...writeErrors } } },
      '/publications/{id}/revisions': { get: { summary: 'The record\'s history', parameters: [idParam], responses: { '200': { description: 'Revisions, oldest first', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } }, '404': problem('No such record') } } },
      '/publications/{id}/citation': {
        get: {
          summary: 'The citation in a style',
          parameters: [idParam, { name: 'style', in: 'query', schema: { type: 'string', enum: [...CITATION_FORMATS], default: 'chicago' } }],
          responses: { '200': { description: 'The citation', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' }, style: { type: 'string' }, citation: { type: 'string' } } } } } }, '400': problem('Unknown style'), '404': problem('No such record') },
        },
      },
      '/jobs': {
        post: {
          summary: 'Queue background work: a page or feed to ingest, or records to import',
          security: [{ token: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    { type: 'object', required: ['kind', 'url'], properties: { kind: { const: 'ingest' }, url: { type: 'string', format: 'uri' } } },
                    { type: 'object', required: ['kind', 'text'], properties: { kind: { const: 'import' }, text: { type: 'string', description: 'JSON Lines or one page-text record' }, format: { type: 'string', enum: ['jsonl', 'page-text'] }, source: { type: 'string' } } },
                  ],
                },
              },
            },
          },
          responses: { '202': { description: 'Queued: the job, and its address in Location', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } }, '400': problem('Not a job this server takes'), '401': problem('No token'), '403': problem('The token lacks the write scope') },
        },
      },
      '/jobs/{id}': {
        get: {
          summary: 'A job: its state (queued, retry, active, completed, dead), attempts, error or output',
          security: [{ token: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The job', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } }, '404': problem('No such job') },
        },
      },
      '/search': {
        get: {
          summary: 'Full-text search with facets',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Words, "phrases", -excluded, OR, prefix*, type:, author:, outlet:, topic:, region:, program:, lang:, year:, date:' },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            { name: 'sort', in: 'query', schema: { type: 'string', enum: ['relevance', 'date'] } },
            { name: 'facets', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
          ],
          responses: { '200': { description: 'Hits, facets, pages', content: { 'application/json': { schema: { type: 'object' } } } }, '400': problem('A query that cannot be read') },
        },
      },
      '/export': {
        get: {
          summary: 'Every published record, streamed',
          parameters: [{ name: 'format', in: 'query', schema: { type: 'string', enum: [...EXPORT_FORMATS], default: 'jsonl' } }],
          responses: { '200': { description: 'The export' }, '400': problem('Unknown format') },
        },
      },
      ...analysisPaths(problem, idParam),
    },
  }
}

/** The analysts' data: entities, the timeline, countries, trends; each also as CSV at the same path + `.csv`. */
function analysisPaths(problem: (d: string) => object, idParam: object): Record<string, object> {
  const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } })
  const csv = (description: string) => ({ description, content: { 'text/csv': { schema: { type: 'string' } } } })
  const q = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', schema, description })
  const keyParam = { name: 'key', in: 'path', required: true, schema: { type: 'string' }, description: 'An entity key, e.g. country:JP or person:fumio-kishida.' }
  const entityFilters = [q('type', 'PERSON, ORG, LOC or AGREEMENT', { type: 'string', enum: ['PERSON', 'ORG', 'LOC', 'AGREEMENT'] }), q('q', 'Names starting with this'), q('limit', 'At most 500', { type: 'integer', minimum: 1, maximum: 500 }), q('offset', 'Entities to skip', { type: 'integer', minimum: 0 })]
  const timelineFilters = [q('entity', 'A name or a key'), q('topic', 'A topic'), q('author', 'An expert'), q('from', 'Events ending on or after this day', { type: 'string', format: 'date' }), q('to', 'Events starting on or before this day', { type: 'string', format: 'date' }), q('limit', 'At most 1000', { type: 'integer', minimum: 1, maximum: 1000 }), q('offset', 'Events to skip', { type: 'integer', minimum: 0 })]
  const entities = q('entity', 'One to eight names or keys (repeat the parameter)', { type: 'array', items: { type: 'string' } })
  const both = (summary: string, parameters: object[], errors: Record<string, object> = {}) => [
    { get: { summary, parameters, responses: { '200': json(summary), ...errors } } },
    { get: { summary: `${summary} (CSV)`, parameters, responses: { '200': csv(summary), ...errors } } },
  ]
  const [entityList, entityCsv] = both('Entities by the published records naming them', entityFilters, { '400': problem('Invalid parameters') })
  const [monthly, monthlyCsv] = both('Published records per month naming the entity', [keyParam], { '404': problem('No published record names it') })
  const [timeline, timelineCsv] = both('Dated events the published records refer to, earliest first', timelineFilters, { '400': problem('Invalid filter'), '404': problem('Unknown entity') })
  const [countries, countriesCsv] = both('Published records naming each country or a place in it', [])
  const [trends, trendsCsv] = both('Published records per month naming each entity', [entities], { '400': problem('No entity named'), '404': problem('Unknown entity') })
  return {
    '/entities': entityList!,
    '/entities.csv': entityCsv!,
    '/entities/{key}': { get: { summary: 'An entity: its pieces, co-mentions and months', parameters: [keyParam, q('limit', 'Pieces', { type: 'integer' }), q('offset', 'Pieces to skip', { type: 'integer' })], responses: { '200': json('The entity'), '404': problem('No published record names it') } } },
    '/entities/{key}/monthly': monthly!,
    '/entities/{key}/monthly.csv': monthlyCsv!,
    '/publications/{id}/entities': { get: { summary: 'What a record names and the dates it refers to', parameters: [idParam], responses: { '200': json('Entities and events'), '404': problem('No such record, or not enriched yet') } } },
    '/timeline': timeline!,
    '/timeline.csv': timelineCsv!,
    '/countries': countries!,
    '/countries.csv': countriesCsv!,
    '/trends': trends!,
    '/trends.csv': trendsCsv!,
    '/entities/corrections': {
      post: {
        summary: "An editor's correction: merge, rename (every record), remove, add, split (one record); re-applied on every enrichment",
        security: [{ token: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['merge', 'rename', 'remove', 'add', 'split'] }, key: { type: 'string' }, target: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, publicationId: { type: 'string' } } } } } },
        responses: { '201': json('The correction'), '400': problem('Invalid correction'), '401': problem('No valid token'), '403': problem('The token lacks the write scope'), '404': problem('No such record') },
      },
    },
  }
}

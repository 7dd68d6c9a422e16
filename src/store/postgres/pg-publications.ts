import type { FieldChanges, Publication, PublicationFields } from '../../model/index.js'
import { listingPage, publicationColumns, scanInBatches, urlKeyOf, toPublication, toRevision, type PublicationRow, type RevisionRow } from '../rows.js'
import { matchKey, newPublicationId, normalizeUrlForMatching, slugify } from '../../model/index.js'
import { AppError } from '../../shared/index.js'
import { decodeCursor } from '../cursor.js'
import { foldKey } from '../indexed-fields.js'
import type { ChangeQuery, ListQuery, MatchQuery, Page, PublicationRepo, RecordStamp, Revision, WriteContext } from '../store.js'
import { isUniqueViolation } from './pg-accounts.js'
import { indexPublication } from './pg-search.js'
import { pipelined, tryLockName, type Sql } from './pg-sql.js'


/** Runs `work` atomically: in its own transaction, or in a savepoint of the caller's. */
type Atomic = <T>(work: (sql: Sql) => Promise<T>) => Promise<T>

/** The record store on PostgreSQL; the same rules as SQLite's, statement for statement. */
export class PgPublications implements PublicationRepo {
  constructor(
    private readonly sql: Sql,
    private readonly atomic: Atomic,
    /** Told of each record created, so the store can keep the planner's statistics current. */
    private readonly created: () => void = () => {},
  ) {}

  async get(id: string) {
    const [row] = await this.sql<PublicationRow[]>`SELECT id, slug, fields, created_at, updated_at, revision, published FROM publications WHERE id = ${id}`
    return row && toPublication(row)
  }

  async stamp(id: string): Promise<RecordStamp | undefined> {
    const [row] = await this.sql<RecordStamp[]>`SELECT id, status, revision, updated_at AS "updatedAt" FROM publications WHERE id = ${id}`
    return row && { id: row.id, status: row.status, revision: row.revision, updatedAt: row.updatedAt }
  }

  async getBySlug(slug: string) {
    const [row] = await this.sql<PublicationRow[]>`SELECT id, slug, fields, created_at, updated_at, revision, published FROM publications WHERE slug = ${slug}`
    return row && toPublication(row)
  }

  async findMatch(q: MatchQuery) {
    const by = async (column: 'id' | 'url_key' | 'match_key', value: string) =>
      (await this.sql<PublicationRow[]>`SELECT id, slug, fields, created_at, updated_at, revision, published FROM publications WHERE ${this.sql(column)} = ${value} ORDER BY created_at LIMIT 1`)[0]
    const row =
      (q.id ? await by('id', q.id) : undefined) ??
      (q.url ? await by('url_key', normalizeUrlForMatching(q.url)) : undefined) ??
      (q.title ? await by('match_key', matchKey({ ...q, title: q.title })) : undefined)
    return row && toPublication(row)
  }

  create(fields: PublicationFields, ctx: WriteContext & { id?: string }): Promise<Publication> {
    return this.atomic(async (sql) => {
      let id = ctx.id ?? newPublicationId()
      // The checks go out together, then the writes together: two round trips, not ten.
      const [idTaken, , slug] = await pipelined([sql`SELECT 1 FROM publications WHERE id = ${id}`, assertUrlFree(sql, fields, undefined), freeSlug(sql, slugify(fields.title), id)])
      if (idTaken.length > 0) {
        if (ctx.id) throw new AppError('CONFLICT', `a record with id ${id} exists already`, { field: 'id' })
        // another process minted the same id in the same second
        do id = newPublicationId()
        while ((await sql`SELECT 1 FROM publications WHERE id = ${id}`).length > 0)
      }
      await pipelined([
        insertRow(sql, { id, slug, fields, createdAt: ctx.at, updatedAt: ctx.at, revision: 1 }),
        sql`INSERT INTO revisions (publication_id, number, at, actor, action, changes) VALUES (${id}, 1, ${ctx.at}, ${ctx.actor}, 'created', NULL)`,
        indexPublication(sql, id, fields, { isNew: true }),
      ])
      this.created()
      return { id, slug, ...fields, createdAt: ctx.at, updatedAt: ctx.at, revision: 1 }
    })
  }

  update(id: string, fields: PublicationFields, changes: FieldChanges, ctx: WriteContext): Promise<Publication> {
    return this.atomic(async (sql) => {
      // FOR UPDATE: two writers of one record take turns, so revision numbers never collide.
      const [current] = await sql<PublicationRow[]>`SELECT id, slug, created_at, revision FROM publications WHERE id = ${id} FOR UPDATE`
      if (!current) throw new AppError('NOT_FOUND', `no record with id ${id}`)
      await assertUrlFree(sql, fields, id)
      const revision = current.revision + 1
      const c = publicationColumns(fields)
      await sql`UPDATE publications SET status = ${c.status}, type = ${c.type}, title = ${c.title}, published = ${c.published}, url_key = ${c.url_key},
        match_key = ${c.match_key}, fields = ${c.fields}, updated_at = ${ctx.at}, revision = ${revision} WHERE id = ${id}`
      await sql`INSERT INTO revisions (publication_id, number, at, actor, action, changes) VALUES (${id}, ${revision}, ${ctx.at}, ${ctx.actor}, 'updated', ${JSON.stringify(changes)})`
      await indexPublication(sql, id, fields)
      return { id, slug: current.slug, ...fields, createdAt: current.created_at, updatedAt: ctx.at, revision }
    })
  }

  reindex(range: { after?: string; until?: string; limit: number }): Promise<{ count: number; last?: string }> {
    return this.atomic(async (sql) => {
      const rows = await sql<{ id: string; fields: string }[]>`
        SELECT id, fields FROM publications WHERE id > ${range.after ?? ''} ${range.until === undefined ? sql`` : sql`AND id <= ${range.until}`}
         ORDER BY id LIMIT ${range.limit}`
      await pipelined(rows.map((r) => indexPublication(sql, r.id, JSON.parse(r.fields) as PublicationFields)))
      return { count: rows.length, last: rows.at(-1)?.id }
    })
  }

  async idMarks(every: number): Promise<string[]> {
    const rows = await this.sql<{ id: string }[]>`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM publications) t WHERE n % ${every} = 0 ORDER BY id`
    return rows.map((r) => r.id)
  }

  async list(query: ListQuery): Promise<Page<Publication>> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined
    const sql = this.sql
    const rows = await sql<(PublicationRow & { sort_date: string })[]>`
      SELECT id, slug, fields, created_at, updated_at, revision, published, coalesce(published, '') AS sort_date FROM publications
       WHERE ${query.status ? sql`status = ${query.status}` : sql`true`}
         AND ${query.featured ? sql`(fields::json ->> 'featured') = 'true'` : sql`true`}
         AND ${after ? sql`(coalesce(published, ''), created_at, id) < (${String(after[0])}, ${String(after[1])}, ${String(after[2])})` : sql`true`}
       ORDER BY coalesce(published, '') DESC, created_at DESC, id DESC
       LIMIT ${query.limit + 1}`
    return listingPage(rows, query.limit)
  }

  scan(options: { batchSize?: number } = {}): AsyncIterable<Publication> {
    return scanInBatches(
      async (after, size) => this.sql<PublicationRow[]>`SELECT id, slug, fields, created_at, updated_at, revision, published FROM publications WHERE id > ${after} ORDER BY id LIMIT ${size}`,
      options.batchSize ?? 500,
    )
  }

  async count() {
    return (await this.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM publications`)[0]!.n
  }

  async revisions(id: string): Promise<Revision[]> {
    const rows = await this.sql<RevisionRow[]>`SELECT * FROM revisions WHERE publication_id = ${id} ORDER BY number`
    return rows.map(toRevision)
  }

  async changes(q: ChangeQuery): Promise<{ items: Publication[]; total: number }> {
    const sql = this.sql
    const where = sql`status IN ('published', 'withdrawn', 'deleted')
      AND ${q.from ? sql`updated_at >= ${q.from}` : sql`true`}
      AND ${q.until ? sql`updated_at <= ${q.until}` : sql`true`}
      AND ${q.type ? sql`type = ${q.type}` : sql`true`}
      AND ${q.facet ? sql`id IN (SELECT id FROM search_facets WHERE field = ${q.facet.field} AND key = ${foldKey(q.facet.value)})` : sql`true`}`
    const [{ n }] = (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM publications WHERE ${where}`) as unknown as [{ n: number }]
    const rows = await sql<PublicationRow[]>`
      SELECT id, slug, fields, created_at, updated_at, revision, published FROM publications
       WHERE ${where} AND ${q.after ? sql`(updated_at, id) > (${q.after.at}, ${q.after.id})` : sql`true`}
       ORDER BY updated_at, id LIMIT ${q.limit}`
    return { items: rows.map(toPublication), total: n }
  }

  restore(record: Publication, revisions: Revision[]): Promise<'restored' | 'present'> {
    return this.atomic(async (sql): Promise<'restored' | 'present'> => {
      const [current] = await sql<PublicationRow[]>`SELECT id, revision, updated_at FROM publications WHERE id = ${record.id}`
      if (current) {
        if (current.revision === record.revision && current.updated_at === record.updatedAt) return 'present'
        throw new AppError('CONFLICT', `record ${record.id} exists already with other content`, { field: 'id' })
      }
      if ((await sql`SELECT 1 FROM publications WHERE slug = ${record.slug}`).length > 0) throw new AppError('CONFLICT', `the slug ${record.slug} is taken`, { field: 'slug' })
      const { id, slug, createdAt, updatedAt, revision, ...fields } = record
      await assertUrlFree(sql, fields, undefined)
      await insertRow(sql, { id, slug, fields, createdAt, updatedAt, revision })
      for (const r of revisions) {
        await sql`INSERT INTO revisions (publication_id, number, at, actor, action, changes)
          VALUES (${id}, ${r.number}, ${r.at}, ${r.actor}, ${r.action}, ${r.changes === null ? null : JSON.stringify(r.changes)})`
      }
      await indexPublication(sql, id, fields)
      return 'restored'
    })
  }

  async countPublished(): Promise<number> {
    return (await this.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM publications WHERE status = 'published'`)[0]!.n
  }

  async publishedIds(offset: number, limit: number): Promise<{ id: string; updatedAt: string }[]> {
    return [...(await this.sql<{ id: string; updatedAt: string }[]>`SELECT id, updated_at AS "updatedAt" FROM publications WHERE status = 'published' ORDER BY id LIMIT ${limit} OFFSET ${offset}`)]
  }

  async earliestChange(): Promise<string | undefined> {
    return (await this.sql<{ at: string | null }[]>`SELECT min(updated_at) AS at FROM publications WHERE status IN ('published', 'withdrawn', 'deleted')`)[0]!.at ?? undefined
  }

  async fieldValues(field: 'topic' | 'region' | 'program'): Promise<string[]> {
    const rows = await this.sql<{ value: string }[]>`
      SELECT max(f.value) AS value FROM search_facets f JOIN publications p ON p.id = f.id
       WHERE f.field = ${field} AND p.status IN ('published', 'withdrawn', 'deleted') GROUP BY f.key ORDER BY 1`
    return rows.map((r) => r.value)
  }
}


async function insertRow(sql: Sql, r: { id: string; slug: string; fields: PublicationFields; createdAt: string; updatedAt: string; revision: number }) {
  const c = publicationColumns(r.fields)
  try {
    await sql`INSERT INTO publications (id, slug, status, type, title, published, url_key, match_key, fields, created_at, updated_at, revision)
      VALUES (${r.id}, ${r.slug}, ${c.status}, ${c.type}, ${c.title}, ${c.published}, ${c.url_key}, ${c.match_key}, ${c.fields}, ${r.createdAt}, ${r.updatedAt}, ${r.revision})`
  } catch (err) {
    // Another writer took the URL or the slug between our check and our insert.
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', `record ${r.id}: ${(err as { constraint_name?: string }).constraint_name === 'publications_url_key' ? `the URL ${r.fields.url} belongs to another record` : 'the id or slug is taken'}`, { field: 'url' })
    throw err
  }
}

async function assertUrlFree(sql: Sql, fields: PublicationFields, ownId: string | undefined) {
  const key = urlKeyOf(fields)
  if (!key) return
  const [holder] = await sql<{ id: string }[]>`SELECT id FROM publications WHERE url_key = ${key}`
  if (holder && holder.id !== ownId) throw new AppError('CONFLICT', `the URL ${fields.url} belongs to record ${holder.id} already`, { field: 'url' })
}

/**
 * A slug no other record holds or is taking. The committed rows are not enough: two import
 * batches in open transactions may both pick "the-same-title", and the second would wait for the
 * first to commit and then fail. So a writer first claims its slug with a transaction-scoped
 * advisory lock that it only tries (never waits for): a slug claimed by an open transaction is
 * skipped like a taken one. The lock comes before the look-up, in its own statement, so a claim
 * committed meanwhile is seen.
 */
async function freeSlug(sql: Sql, base: string, id: string): Promise<string> {
  const claim = (slug: string) =>
    pipelined([tryLockName(sql, `slug:${slug}`), sql`SELECT 1 FROM publications WHERE slug = ${slug}`]).then(([locked, taken]) => locked && taken.length === 0)
  if (await claim(base)) return base
  // The numbered variants by name, in one query: a prefix range would also sweep up every
  // longer title that starts with the same words.
  const candidates = Array.from({ length: 98 }, (_, i) => `${base}-${i + 2}`)
  const taken = new Set((await sql<{ slug: string }[]>`SELECT slug FROM publications WHERE slug IN ${sql(candidates)}`).map((r) => r.slug))
  for (const candidate of candidates) if (!taken.has(candidate) && (await claim(candidate))) return candidate
  return `${base}-${id}`
}

import type Database from 'better-sqlite3'
import type { FieldChanges, Publication, PublicationFields } from '../../model/index.js'
import { matchKey, newPublicationId, normalizeUrlForMatching, slugify } from '../../model/index.js'
import { AppError } from '../../shared/index.js'
import { listingPage, publicationColumns, scanInBatches, urlKeyOf, toPublication, toRevision, type PublicationRow, type RevisionRow } from '../rows.js'
import { decodeCursor } from '../cursor.js'
import { foldKey } from '../indexed-fields.js'
import { indexPublication } from './sqlite-search-index.js'
import { recordTransaction } from './record-writes.js'
import type { ChangeQuery, ListQuery, MatchQuery, Page, PublicationRepo, RecordStamp, Revision, WriteContext } from '../store.js'

type Gate = <T>(f: () => T) => Promise<T>

const COLUMNS = 'id, slug, fields, created_at, updated_at, revision, published'


export class SqlitePublications implements PublicationRepo {
  readonly #db: Database.Database
  readonly #gate: Gate
  readonly #stmt: ReturnType<typeof prepareStatements>

  constructor(db: Database.Database, gate: Gate) {
    this.#db = db
    this.#gate = gate
    this.#stmt = prepareStatements(db)
  }

  get(id: string) {
    return this.#gate(() => {
      const row = this.#stmt.byId.get(id) as PublicationRow | undefined
      return row && toPublication(row)
    })
  }

  stamp(id: string) {
    return this.#gate(() => this.#stmt.stamp.get(id) as RecordStamp | undefined)
  }

  getBySlug(slug: string) {
    return this.#gate(() => {
      const row = this.#stmt.bySlug.get(slug) as PublicationRow | undefined
      return row && toPublication(row)
    })
  }

  findMatch(q: MatchQuery) {
    return this.#gate(() => {
      const row =
        (q.id ? (this.#stmt.byId.get(q.id) as PublicationRow | undefined) : undefined) ??
        (q.url ? (this.#stmt.byUrlKey.get(normalizeUrlForMatching(q.url)) as PublicationRow | undefined) : undefined) ??
        (q.title ? (this.#stmt.byMatchKey.get(matchKey({ ...q, title: q.title })) as PublicationRow | undefined) : undefined)
      return row && toPublication(row)
    })
  }

  create(fields: PublicationFields, ctx: WriteContext & { id?: string }) {
    return this.#gate(() =>
      recordTransaction(
        this.#db,
        () => {
          let id = ctx.id ?? newPublicationId()
          if (this.#stmt.byId.get(id)) {
            if (ctx.id) throw new AppError('CONFLICT', `a record with id ${id} exists already`, { field: 'id' })
            // another process minted the same id in the same second
            while (this.#stmt.byId.get(id)) id = newPublicationId()
          }
          this.#assertUrlFree(fields, undefined)
          return { id, slug: this.#freeSlug(slugify(fields.title), id) }
        },
        ({ id, slug }) => {
          this.#stmt.insert.run({
            id,
            slug,
            ...publicationColumns(fields),
            created_at: ctx.at,
            updated_at: ctx.at,
            revision: 1,
          })
          this.#stmt.insertRevision.run({ publication_id: id, number: 1, at: ctx.at, actor: ctx.actor, action: 'created', changes: null })
          indexPublication(this.#db, id, fields)
          return { id, slug, ...fields, createdAt: ctx.at, updatedAt: ctx.at, revision: 1 }
        },
      ),
    )
  }

  update(id: string, fields: PublicationFields, changes: FieldChanges, ctx: WriteContext) {
    return this.#gate(() =>
      recordTransaction(
        this.#db,
        () => {
          const current = this.#stmt.byId.get(id) as PublicationRow | undefined
          if (!current) throw new AppError('NOT_FOUND', `no record with id ${id}`)
          this.#assertUrlFree(fields, id)
          return current
        },
        (current) => {
          const revision = current.revision + 1
          this.#stmt.update.run({ id, ...publicationColumns(fields), updated_at: ctx.at, revision })
          this.#stmt.insertRevision.run({
            publication_id: id,
            number: revision,
            at: ctx.at,
            actor: ctx.actor,
            action: 'updated',
            changes: JSON.stringify(changes),
          })
          indexPublication(this.#db, id, fields)
          return { id, slug: current.slug, ...fields, createdAt: current.created_at, updatedAt: ctx.at, revision }
        },
      ),
    )
  }

  reindex(range: { after?: string; until?: string; limit: number }): Promise<{ count: number; last?: string }> {
    return this.#gate(() =>
      this.#db.transaction(() => {
        const rows = this.#db
          .prepare<[string, string, number], { id: string; fields: string }>('SELECT id, fields FROM publications WHERE id > ? AND id <= ? ORDER BY id LIMIT ?')
          .all(range.after ?? '', range.until ?? '\u{10FFFF}', range.limit)
        for (const r of rows) indexPublication(this.#db, r.id, JSON.parse(r.fields) as PublicationFields)
        return { count: rows.length, last: rows.at(-1)?.id }
      })(),
    )
  }

  idMarks(every: number): Promise<string[]> {
    return this.#gate(
      () =>
        this.#db
          .prepare<[number], string>('SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM publications) WHERE n % ? = 0 ORDER BY id')
          .pluck()
          .all(every) as string[],
    )
  }

  list(query: ListQuery): Promise<Page<Publication>> {
    return this.#gate(() => {
      const after = query.cursor ? decodeCursor(query.cursor) : undefined
      const rows = this.#db
        .prepare(
          `SELECT ${COLUMNS}, coalesce(published, '') AS sort_date FROM publications
           WHERE (@status IS NULL OR status = @status) ${query.featured ? `AND json_extract(fields, '$.featured') = 1` : ''}
             AND (@after_date IS NULL OR (coalesce(published, ''), created_at, id) < (@after_date, @after_created, @after_id))
           ORDER BY coalesce(published, '') DESC, created_at DESC, id DESC
           LIMIT @limit`,
        )
        .all({
          status: query.status ?? null,
          after_date: after?.[0] ?? null,
          after_created: after?.[1] ?? null,
          after_id: after?.[2] ?? null,
          limit: query.limit + 1,
        }) as (PublicationRow & { sort_date: string })[]
      return listingPage(rows, query.limit)
    })
  }

  scan(options: { batchSize?: number } = {}): AsyncIterable<Publication> {
    return scanInBatches((after, size) => this.#gate(() => this.#stmt.scan.all(after, size) as PublicationRow[]), options.batchSize ?? 500)
  }

  count() {
    return this.#gate(() => (this.#stmt.count.get() as { n: number }).n)
  }

  revisions(id: string): Promise<Revision[]> {
    return this.#gate(() =>
      (this.#stmt.revisions.all(id) as RevisionRow[]).map(toRevision),
    )
  }

  changes(q: ChangeQuery): Promise<{ items: Publication[]; total: number }> {
    return this.#gate(() => {
      const where = [`status IN ('published', 'withdrawn', 'deleted')`]
      const params: Record<string, unknown> = { limit: q.limit }
      if (q.from) {
        where.push('updated_at >= @from')
        params.from = q.from
      }
      if (q.until) {
        where.push('updated_at <= @until')
        params.until = q.until
      }
      if (q.type) {
        where.push('type = @type')
        params.type = q.type
      }
      if (q.facet) {
        where.push('id IN (SELECT d.id FROM search_facets f JOIN search_docs d ON d.doc = f.doc WHERE f.field = @facet_field AND f.key = @facet_key)')
        params.facet_field = q.facet.field
        params.facet_key = foldKey(q.facet.value)
      }
      const total = (this.#db.prepare(`SELECT count(*) AS n FROM publications WHERE ${where.join(' AND ')}`).get(params) as { n: number }).n
      if (q.after) {
        where.push('(updated_at, id) > (@after_at, @after_id)')
        params.after_at = q.after.at
        params.after_id = q.after.id
      }
      const rows = this.#db
        .prepare(`SELECT ${COLUMNS} FROM publications WHERE ${where.join(' AND ')} ORDER BY updated_at, id LIMIT @limit`)
        .all(params) as PublicationRow[]
      return { items: rows.map(toPublication), total }
    })
  }

  restore(record: Publication, revisions: Revision[]): Promise<'restored' | 'present'> {
    return this.#gate(() =>
      this.#db.transaction((): 'restored' | 'present' => {
        const current = this.#stmt.byId.get(record.id) as PublicationRow | undefined
        if (current) {
          if (current.revision === record.revision && current.updated_at === record.updatedAt) return 'present'
          throw new AppError('CONFLICT', `record ${record.id} exists already with other content`, { field: 'id' })
        }
        if (this.#stmt.slugTaken.get(record.slug)) throw new AppError('CONFLICT', `the slug ${record.slug} is taken`, { field: 'slug' })
        const { id, slug, createdAt, updatedAt, revision, ...fields } = record
        this.#assertUrlFree(fields, undefined)
        this.#stmt.insert.run({ id, slug, ...publicationColumns(fields), created_at: createdAt, updated_at: updatedAt, revision })
        for (const r of revisions) {
          this.#stmt.insertRevision.run({ publication_id: id, number: r.number, at: r.at, actor: r.actor, action: r.action, changes: r.changes === null ? null : JSON.stringify(r.changes) })
        }
        indexPublication(this.#db, id, fields)
        return 'restored'
      })(),
    )
  }

  countPublished(): Promise<number> {
    return this.#gate(() => (this.#db.prepare(`SELECT count(*) AS n FROM publications WHERE status = 'published'`).get() as { n: number }).n)
  }

  publishedIds(offset: number, limit: number): Promise<{ id: string; updatedAt: string }[]> {
    return this.#gate(
      () =>
        this.#db
          .prepare(`SELECT id, updated_at AS updatedAt FROM publications WHERE status = 'published' ORDER BY id LIMIT ? OFFSET ?`)
          .all(limit, offset) as { id: string; updatedAt: string }[],
    )
  }

  earliestChange(): Promise<string | undefined> {
    return this.#gate(() => (this.#db.prepare(`SELECT min(updated_at) AS at FROM publications WHERE status IN ('published', 'withdrawn', 'deleted')`).get() as { at: string | null }).at ?? undefined)
  }

  fieldValues(field: 'topic' | 'region' | 'program'): Promise<string[]> {
    return this.#gate(() =>
      (
        this.#db
          .prepare(
            `SELECT max(f.value) AS value FROM search_facets f JOIN search_docs d ON d.doc = f.doc
             JOIN publications p ON p.id = d.id WHERE f.field = ? AND p.status IN ('published', 'withdrawn', 'deleted') GROUP BY f.key ORDER BY 1`,
          )
          .all(field) as { value: string }[]
      ).map((r) => r.value),
    )
  }


  #assertUrlFree(fields: PublicationFields, ownId: string | undefined) {
    const key = urlKeyOf(fields)
    if (!key) return
    const holder = this.#stmt.byUrlKey.get(key) as PublicationRow | undefined
    if (holder && holder.id !== ownId) {
      throw new AppError('CONFLICT', `the URL ${fields.url} belongs to record ${holder.id} already`, { field: 'url' })
    }
  }

  #freeSlug(base: string, id: string): string {
    if (!this.#stmt.slugTaken.get(base)) return base
    for (let n = 2; n < 100; n++) {
      const candidate = `${base}-${n}`
      if (!this.#stmt.slugTaken.get(candidate)) return candidate
    }
    return `${base}-${id}`
  }
}

function prepareStatements(db: Database.Database) {
  return {
    byId: db.prepare(`SELECT ${COLUMNS} FROM publications WHERE id = ?`),
    stamp: db.prepare(`SELECT id, status, revision, updated_at AS updatedAt FROM publications INDEXED BY publications_stamp WHERE id = ?`),
    bySlug: db.prepare(`SELECT ${COLUMNS} FROM publications WHERE slug = ?`),
    byUrlKey: db.prepare(`SELECT ${COLUMNS} FROM publications WHERE url_key = ?`),
    byMatchKey: db.prepare(`SELECT ${COLUMNS} FROM publications WHERE match_key = ? ORDER BY created_at LIMIT 1`),
    slugTaken: db.prepare('SELECT 1 FROM publications WHERE slug = ?'),
    insert: db.prepare(
      `INSERT INTO publications (id, slug, status, type, title, published, url_key, match_key, fields, created_at, updated_at, revision)
       VALUES (@id, @slug, @status, @type, @title, @published, @url_key, @match_key, @fields, @created_at, @updated_at, @revision)`,
    ),
    update: db.prepare(
      `UPDATE publications SET status = @status, type = @type, title = @title, published = @published, url_key = @url_key,
         match_key = @match_key, fields = @fields, updated_at = @updated_at, revision = @revision
       WHERE id = @id`,
    ),
    insertRevision: db.prepare(
      `INSERT INTO revisions (publication_id, number, at, actor, action, changes)
       VALUES (@publication_id, @number, @at, @actor, @action, @changes)`,
    ),
    scan: db.prepare(`SELECT ${COLUMNS} FROM publications WHERE id > ? ORDER BY id LIMIT ?`),
    count: db.prepare('SELECT count(*) AS n FROM publications'),
    revisions: db.prepare('SELECT * FROM revisions WHERE publication_id = ? ORDER BY number'),
  }
}

export { toPublication, type PublicationRow }

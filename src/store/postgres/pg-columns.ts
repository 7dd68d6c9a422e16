import type postgres from 'postgres'
import { SearchColumns, type DocRow, type FacetGroup, type FacetRow } from '../search-columns.js'

/** Document numbers sent as one bytea of big-endian int4s: far cheaper to parse than rows. */
export function docNumbers(bytes: Buffer | null | undefined): Int32Array {
  if (!bytes) return new Int32Array(0)
  const out = new Int32Array(bytes.length >> 2)
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt32BE(i << 2)
  return out
}

interface Snapshot {
  version: number
  /** The oldest transaction still running when the columns were read: later ones may be missing. */
  xmin: string
}

/**
 * A server's in-memory search columns over a PostgreSQL archive. They reflect the search
 * version read before them; a newer version means writes committed since, and the documents
 * those transactions touched are found in search_marks by transaction id: every id at or past
 * the xmin of the snapshot the columns were read under may have been invisible then.
 */
export class PgColumns {
  readonly columns = new SearchColumns()
  #read?: Snapshot
  #pending?: Promise<SearchColumns>

  constructor(private readonly sql: postgres.Sql) {}

  /** The columns as of the current search version (one refresh at a time; callers share it). */
  async current(): Promise<SearchColumns> {
    const version = Number((await this.sql<{ v: string }[]>`SELECT last_value AS v FROM search_version`)[0]!.v)
    if (this.#read && this.#read.version === version) return this.columns
    this.#pending ??= this.#refresh(version).finally(() => (this.#pending = undefined))
    return this.#pending
  }

  async #refresh(version: number): Promise<SearchColumns> {
    if (this.#read && version === this.#read.version) return this.columns
    const since = this.#read?.xmin
    const limit = this.columns.patchLimit()
    const done = await this.sql.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
      const [{ xmin }] = (await tx<{ xmin: string }[]>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`) as unknown as [{ xmin: string }]
      if (since !== undefined) {
        const rows = await tx<DocRowObject[]>`
          SELECT d.doc, d.visible, d.type, d.year, d.date, d.lang FROM search_marks m JOIN search_docs d ON d.doc = m.doc
           WHERE m.changed >= ${since}::xid8 LIMIT ${limit + 1}`
        if (rows.length <= limit) {
          const facets = rows.length
            ? await tx<{ doc: number; field: string; key: string; value: string }[]>`
                SELECT d.doc, f.field, f.key, f.value FROM search_facets f JOIN search_docs d ON d.id = f.id WHERE d.doc IN ${tx(rows.map((r) => r.doc))}`
            : []
          this.columns.patch(version, rows.map(docRow), facets.map((f): FacetRow => [f.doc, f.field, f.key, f.value]))
          return { version, xmin }
        }
      }
      const docs = await tx<DocRowObject[]>`SELECT doc, visible, type, year, date, lang FROM search_docs`
      // One row per facet value with its documents packed, instead of a row per document's value.
      const values = await tx<{ field: string; key: string; value: string; docs: Buffer }[]>`
        SELECT f.field, f.key, min(f.value) AS value, string_agg(int4send(d.doc), ''::bytea) AS docs
          FROM search_facets f JOIN search_docs d ON d.id = f.id GROUP BY f.field, f.key`
      let max = 0
      for (const d of docs) if (d.doc > max) max = d.doc
      this.columns.replace(version, max + 1, docs.map(docRow), { grouped: facetGroups(values) })
      return { version, xmin }
    })
    this.#read = done
    return this.columns
  }
}

interface DocRowObject {
  doc: number
  visible: boolean
  type: string
  year: number | null
  date: string
  lang: string | null
}

const docRow = (r: DocRowObject): DocRow => [r.doc, r.visible, r.type, r.year, r.date, r.lang]

function* facetGroups(values: { field: string; key: string; value: string; docs: Buffer }[]): Iterable<FacetGroup> {
  for (const v of values) yield [v.field, v.key, v.value, docNumbers(v.docs)]
}

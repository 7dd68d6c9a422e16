import type Database from 'better-sqlite3'
import { AppError } from '../../shared/index.js'
import { toToken, type TokenRow } from '../rows.js'
import type { ApiToken, TokenRepo } from '../store.js'

type Gate = <T>(f: () => T) => Promise<T>

export class SqliteTokens implements TokenRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly gate: Gate,
  ) {}

  create(t: ApiToken & { hash: string }): Promise<void> {
    return this.gate(() => {
      this.db.prepare('INSERT INTO api_tokens (id, name, scopes, hash, created_at) VALUES (?, ?, ?, ?, ?)').run(t.id, t.name, JSON.stringify(t.scopes), t.hash, t.createdAt)
    })
  }

  findByHash(hash: string): Promise<ApiToken | undefined> {
    return this.gate(() => {
      const row = this.db.prepare('SELECT * FROM api_tokens WHERE hash = ? AND revoked_at IS NULL').get(hash) as TokenRow | undefined
      return row && toToken(row)
    })
  }

  list(): Promise<ApiToken[]> {
    return this.gate(() => (this.db.prepare('SELECT * FROM api_tokens ORDER BY created_at, id').all() as TokenRow[]).map(toToken))
  }

  revoke(id: string, at: string): Promise<void> {
    return this.gate(() => {
      const r = this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id)
      if (r.changes === 0) throw new AppError('NOT_FOUND', `no live token with id ${id}`)
    })
  }
}

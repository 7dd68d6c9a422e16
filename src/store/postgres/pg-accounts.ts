import { AppError } from '../../shared/index.js'
import { toAccount, toToken, type AccountRow, type TokenRow } from '../rows.js'
import type { Account, AccountRepo, ApiToken, Session, SessionRepo, TokenRepo } from '../store.js'
import type { Sql } from './pg-sql.js'

/** PostgreSQL's "unique_violation". */
export const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505'

export class PgTokens implements TokenRepo {
  constructor(private readonly sql: Sql) {}

  async create(t: ApiToken & { hash: string }): Promise<void> {
    await this.sql`INSERT INTO api_tokens (id, name, scopes, hash, created_at) VALUES (${t.id}, ${t.name}, ${JSON.stringify(t.scopes)}, ${t.hash}, ${t.createdAt})`
  }

  async findByHash(hash: string): Promise<ApiToken | undefined> {
    const [row] = await this.sql<TokenRow[]>`SELECT * FROM api_tokens WHERE hash = ${hash} AND revoked_at IS NULL`
    return row && toToken(row)
  }

  async list(): Promise<ApiToken[]> {
    return (await this.sql<TokenRow[]>`SELECT * FROM api_tokens ORDER BY created_at, id`).map(toToken)
  }

  async revoke(id: string, at: string): Promise<void> {
    const r = await this.sql`UPDATE api_tokens SET revoked_at = ${at} WHERE id = ${id} AND revoked_at IS NULL`
    if (r.count === 0) throw new AppError('NOT_FOUND', `no live token with id ${id}`)
  }
}

export class PgAccounts implements AccountRepo {
  constructor(private readonly sql: Sql) {}

  async create(a: Account & { passwordHash: string | null }): Promise<void> {
    try {
      await this.sql`INSERT INTO accounts (id, email, name, role, password_hash, created_at, disabled_at)
        VALUES (${a.id}, ${a.email.toLowerCase()}, ${a.name}, ${a.role}, ${a.passwordHash}, ${a.createdAt}, ${a.disabledAt ?? null})`
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', `an account with the email ${a.email} exists already`, { field: 'email' })
      throw err
    }
  }

  async findByEmail(email: string): Promise<(Account & { passwordHash: string | null }) | undefined> {
    const [row] = await this.sql<AccountRow[]>`SELECT * FROM accounts WHERE email = ${email.trim().toLowerCase()}`
    return row && { ...toAccount(row), passwordHash: row.password_hash }
  }

  async get(id: string): Promise<Account | undefined> {
    const [row] = await this.sql<AccountRow[]>`SELECT * FROM accounts WHERE id = ${id}`
    return row && toAccount(row)
  }

  async list(): Promise<Account[]> {
    return (await this.sql<AccountRow[]>`SELECT * FROM accounts ORDER BY created_at, id`).map(toAccount)
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    const r = await this.sql`UPDATE accounts SET password_hash = ${passwordHash} WHERE id = ${id}`
    if (r.count === 0) throw new AppError('NOT_FOUND', `no account with id ${id}`)
  }

  async count(): Promise<number> {
    const [row] = await this.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM accounts`
    return row!.n
  }
}

export class PgSessions implements SessionRepo {
  constructor(private readonly sql: Sql) {}

  async create(hash: string, s: Session): Promise<void> {
    await this.sql`INSERT INTO sessions (hash, account_id, csrf, created_at, expires_at) VALUES (${hash}, ${s.accountId}, ${s.csrf}, ${s.createdAt}, ${s.expiresAt})`
  }

  async find(hash: string, now: string): Promise<{ session: Session; account: Account } | undefined> {
    const [row] = await this.sql<(AccountRow & { csrf: string; s_created_at: string; expires_at: string; account_id: string })[]>`
      SELECT s.account_id, s.csrf, s.created_at AS s_created_at, s.expires_at, a.*
        FROM sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.hash = ${hash} AND s.expires_at > ${now} AND a.disabled_at IS NULL`
    if (!row) return undefined
    return { session: { accountId: row.account_id, csrf: row.csrf, createdAt: row.s_created_at, expiresAt: row.expires_at }, account: toAccount(row) }
  }

  async delete(hash: string): Promise<void> {
    await this.sql`DELETE FROM sessions WHERE hash = ${hash}`
  }

  async deleteExpired(now: string): Promise<number> {
    return (await this.sql`DELETE FROM sessions WHERE expires_at <= ${now}`).count
  }
}

import type Database from 'better-sqlite3'
import { AppError } from '../../shared/index.js'
import { toAccount, type AccountRow } from '../rows.js'
import type { Account, AccountRepo, Session, SessionRepo } from '../store.js'

type Gate = <T>(f: () => T) => Promise<T>

export class SqliteAccounts implements AccountRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly gate: Gate,
  ) {}

  create(a: Account & { passwordHash: string | null }): Promise<void> {
    return this.gate(() => {
      try {
        this.db
          .prepare('INSERT INTO accounts (id, email, name, role, password_hash, created_at, disabled_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(a.id, a.email.toLowerCase(), a.name, a.role, a.passwordHash, a.createdAt, a.disabledAt ?? null)
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' || (err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          throw new AppError('CONFLICT', `an account with the email ${a.email} exists already`, { field: 'email' })
        }
        throw err
      }
    })
  }

  findByEmail(email: string): Promise<(Account & { passwordHash: string | null }) | undefined> {
    return this.gate(() => {
      const row = this.db.prepare('SELECT * FROM accounts WHERE email = ?').get(email.trim().toLowerCase()) as AccountRow | undefined
      return row && { ...toAccount(row), passwordHash: row.password_hash }
    })
  }

  get(id: string): Promise<Account | undefined> {
    return this.gate(() => {
      const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined
      return row && toAccount(row)
    })
  }

  list(): Promise<Account[]> {
    return this.gate(() => (this.db.prepare('SELECT * FROM accounts ORDER BY created_at, id').all() as AccountRow[]).map(toAccount))
  }

  setPassword(id: string, passwordHash: string): Promise<void> {
    return this.gate(() => {
      if (this.db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?').run(passwordHash, id).changes === 0) throw new AppError('NOT_FOUND', `no account with id ${id}`)
    })
  }

  count(): Promise<number> {
    return this.gate(() => (this.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n)
  }
}

interface SessionRow {
  account_id: string
  csrf: string
  created_at: string
  expires_at: string
}

export class SqliteSessions implements SessionRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly gate: Gate,
  ) {}

  create(hash: string, s: Session): Promise<void> {
    return this.gate(() => {
      this.db.prepare('INSERT INTO sessions (hash, account_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(hash, s.accountId, s.csrf, s.createdAt, s.expiresAt)
    })
  }

  find(hash: string, now: string): Promise<{ session: Session; account: Account } | undefined> {
    return this.gate(() => {
      const row = this.db
        .prepare(
          `SELECT s.account_id, s.csrf, s.created_at AS s_created_at, s.expires_at, a.*
             FROM sessions s JOIN accounts a ON a.id = s.account_id
            WHERE s.hash = ? AND s.expires_at > ? AND a.disabled_at IS NULL`,
        )
        .get(hash, now) as (AccountRow & SessionRow & { s_created_at: string }) | undefined
      if (!row) return undefined
      return { session: { accountId: row.account_id, csrf: row.csrf, createdAt: row.s_created_at, expiresAt: row.expires_at }, account: toAccount(row) }
    })
  }

  delete(hash: string): Promise<void> {
    return this.gate(() => {
      this.db.prepare('DELETE FROM sessions WHERE hash = ?').run(hash)
    })
  }

  deleteExpired(now: string): Promise<number> {
    return this.gate(() => this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes)
  }
}

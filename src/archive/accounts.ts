import { newOpaqueId } from '../model/index.js'
import { AppError } from '../shared/index.js'
import type { Account, AccountRole, Session, Store } from '../store/index.js'
import { hashPassword, hashSecret, newSecret, verifyPassword } from './secrets.js'

export const SESSION_HOURS = 12
export const MIN_PASSWORD_LENGTH = 12

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Editor accounts and their sign-in sessions. */
export class Accounts {
  readonly #store: Store
  readonly #now: () => Date
  /** Checked when no account matches, so a wrong email costs as long as a wrong password. */
  #decoy: Promise<string> | undefined

  constructor(deps: { store: Store; now: () => Date }) {
    this.#store = deps.store
    this.#now = deps.now
  }

  /**
   * @throws AppError INVALID_INPUT naming the field, CONFLICT when the email is taken.
   */
  async create(input: { email: string; name?: string; role: AccountRole; password: string }): Promise<Account> {
    const email = input.email.trim().toLowerCase()
    if (!EMAIL.test(email)) throw new AppError('INVALID_INPUT', `"${input.email}" is not an email address`, { field: 'email' })
    if (input.role !== 'admin' && input.role !== 'editor') throw new AppError('INVALID_INPUT', 'the role is admin or editor', { field: 'role' })
    checkPassword(input.password)
    const account: Account = { id: newOpaqueId(), email, name: input.name?.trim() || email.split('@')[0]!, role: input.role, createdAt: this.#now().toISOString() }
    await this.#store.accounts.create({ ...account, passwordHash: await hashPassword(input.password) })
    return account
  }

  async setPassword(email: string, password: string): Promise<void> {
    checkPassword(password)
    const account = await this.#store.accounts.findByEmail(email)
    if (!account) throw new AppError('NOT_FOUND', `no account with the email ${email}`, { field: 'email' })
    await this.#store.accounts.setPassword(account.id, await hashPassword(password))
  }

  list(): Promise<Account[]> {
    return this.#store.accounts.list()
  }

  count(): Promise<number> {
    return this.#store.accounts.count()
  }

  /**
   * A new session for the right email and password. The cookie gets `secret`; the store keeps
   * only its hash.
   * @throws AppError UNAUTHORIZED, the same for an unknown email as for a wrong password.
   */
  async signIn(email: string, password: string): Promise<{ secret: string; account: Account; session: Session }> {
    const found = await this.#store.accounts.findByEmail(email)
    const ok = found?.passwordHash && !found.disabledAt ? await verifyPassword(password, found.passwordHash) : await this.#wasteTime(password)
    if (!found || !ok) throw new AppError('UNAUTHORIZED', 'The email or the password is wrong.')
    const { passwordHash: _hash, ...account } = found
    const now = this.#now()
    const session: Session = {
      accountId: account.id,
      csrf: newSecret(),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
    }
    const secret = newSecret('dss_')
    await this.#store.sessions.deleteExpired(now.toISOString())
    await this.#store.sessions.create(hashSecret(secret), session)
    return { secret, account, session }
  }

  /** The signed-in account of a session cookie, if it is live. */
  session(secret: string): Promise<{ session: Session; account: Account } | undefined> {
    return this.#store.sessions.find(hashSecret(secret), this.#now().toISOString())
  }

  signOut(secret: string): Promise<void> {
    return this.#store.sessions.delete(hashSecret(secret))
  }

  async #wasteTime(password: string): Promise<false> {
    this.#decoy ??= hashPassword(newSecret())
    await verifyPassword(password, await this.#decoy)
    return false
  }
}

function checkPassword(password: string) {
  if (typeof password !== 'string' || [...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError('INVALID_INPUT', `the password needs at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' })
  }
}

import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { tempDir } from '../../test/support/paths.js'
import { AppError, silentLogger } from '../shared/index.js'
import type { Store } from '../store/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import { Archive } from './archive.js'
import { hashPassword, verifyPassword } from './secrets.js'

describe('editor accounts', () => {
  let store: Store
  let archive: Archive
  let clock = Date.parse('2024-05-01T08:00:00Z')
  before(async () => {
    store = await openSqliteStore({ file: path.join(tempDir(), 'accounts.db') })
    archive = new Archive({ store, log: silentLogger, now: () => new Date(clock) })
  })
  after(() => store.close())

  it('hashes passwords with scrypt and a salt of their own', async () => {
    const a = await hashPassword('correct horse battery')
    const b = await hashPassword('correct horse battery')
    assert.match(a, /^scrypt\$32768\$8\$1\$/)
    assert.notEqual(a, b)
    assert.equal(await verifyPassword('correct horse battery', a), true)
    assert.equal(await verifyPassword('correct horse batterY', a), false)
    assert.equal(await verifyPassword('x', 'md5$abc'), false)
  })

  it('signs in with the right password only, and the session lasts its hours', async () => {
    const refusal = (p: Promise<unknown>, code: string, field?: string) =>
      assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code && (field === undefined || e.location.field === field))
    await refusal(archive.accounts.create({ email: 'not-an-email', role: 'admin', password: 'long enough password' }), 'INVALID_INPUT', 'email')
    await refusal(archive.accounts.create({ email: 'ana@center.example', role: 'admin', password: 'short' }), 'INVALID_INPUT', 'password')
    const ana = await archive.accounts.create({ email: 'Ana@Center.example', name: 'Ana Ruiz', role: 'admin', password: 'long enough password' })
    assert.equal(ana.email, 'ana@center.example')
    await refusal(archive.accounts.signIn('ana@center.example', 'wrong password here'), 'UNAUTHORIZED')
    await refusal(archive.accounts.signIn('nobody@center.example', 'long enough password'), 'UNAUTHORIZED')
    const { secret, session } = await archive.accounts.signIn('ANA@center.example', 'long enough password')
    assert.match(secret, /^dss_/)
    assert.equal((await archive.accounts.session(secret))?.account.name, 'Ana Ruiz')
    assert.equal((await archive.accounts.session(secret))?.session.csrf, session.csrf)
    assert.equal(await archive.accounts.session('dss_forged'), undefined)
    clock += 13 * 3600_000
    assert.equal(await archive.accounts.session(secret), undefined, 'expired after 12 hours')
    const again = await archive.accounts.signIn('ana@center.example', 'long enough password')
    await archive.accounts.signOut(again.secret)
    assert.equal(await archive.accounts.session(again.secret), undefined)
    await archive.accounts.setPassword('ana@center.example', 'a brand new password')
    await refusal(archive.accounts.signIn('ana@center.example', 'long enough password'), 'UNAUTHORIZED')
  })
})

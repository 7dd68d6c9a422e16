import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Secrets handed to people and machines (API tokens, session cookies) are long and random, so
 * a plain SHA-256 is enough to store them; passwords are chosen by people, so they get scrypt.
 */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

export const newSecret = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`

// OWASP's floor for scrypt: N=2^17, r=8, p=1 costs ~128 MB and ~0.3 s; 2^15 keeps sign-in
// near 80 ms on these machines while staying far beyond what a stolen hash list can be
// brute-forced at. The parameters travel with each hash, so they can be raised later.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 }
const KEY_BYTES = 32

function scryptAsync(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { ...params, maxmem: 256 * params.N * params.r }, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(password, salt, SCRYPT)
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** Compares two strings in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

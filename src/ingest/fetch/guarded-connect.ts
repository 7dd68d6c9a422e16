import { promises as dns, type LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { buildConnector } from 'undici'
import type { AddressGuard } from './address-policy.js'
import { FetchProblem } from './fetch-problem.js'

/** Resolves a host name to all its addresses; `family` 0 means both IPv4 and IPv6. */
export type Resolve = (hostname: string, family: 0 | 4 | 6) => Promise<readonly LookupAddress[]>

export const systemResolve: Resolve = (hostname, family) => dns.lookup(hostname, { all: true, family })

const familyOf = (family: number | string | undefined): 0 | 4 | 6 => (family === 4 || family === 'IPv4' ? 4 : family === 6 || family === 'IPv6' ? 6 : 0)

/**
 * The DNS lookup the sockets use. Checking here, rather than resolving once beforehand, is
 * what defeats DNS rebinding: the addresses judged are the very ones the socket connects to,
 * with no second resolution in between. Every address must pass, since the socket may try
 * any of them (happy eyeballs).
 */
export function guardedLookup(guard: AddressGuard, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, familyOf(options.family))
      .then((addresses) => {
        if (addresses.length === 0) throw Object.assign(new Error(`${hostname} has no addresses`), { code: 'ENOTFOUND', hostname })
        for (const { address } of addresses) {
          const refusal = guard.addressRefusal(hostname, address)
          if (refusal) throw new FetchProblem('refused', refusal)
        }
        return addresses
      })
      .then(
        (addresses) => {
          if (options.all) callback(null, [...addresses])
          else callback(null, addresses[0]!.address, addresses[0]!.family)
        },
        (err: NodeJS.ErrnoException) => callback(err, '', 0),
      )
  }
}

/**
 * An undici connector whose sockets resolve names through the guarded lookup, and which
 * checks the peer address of every socket it opens before handing it over. The lookup is
 * the real defence; the peer check covers any path that connects without a lookup.
 */
export function guardedConnector(guard: AddressGuard, resolve: Resolve, connectTimeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs, lookup: guardedLookup(guard, resolve) })
  return (options, callback) =>
    connect(options, (...result) => {
      const [err, socket] = result
      if (err) return callback(err, null)
      const peer = socket.remoteAddress
      const refusal = peer === undefined ? `the connection to ${options.hostname} closed at once` : guard.addressRefusal(options.hostname, peer)
      if (!refusal) return callback(null, socket)
      socket.destroy()
      callback(new FetchProblem(peer === undefined ? 'unreachable' : 'refused', refusal), null)
    })
}

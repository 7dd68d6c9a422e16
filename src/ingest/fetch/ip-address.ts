import { isIPv6 } from 'node:net'

/** An IP address as its bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = readonly number[]

/**
 * Reads an IPv4 address in every form the system resolver (`inet_aton`) and the URL parser
 * accept — `127.0.0.1`, `2130706433`, `0177.0.0.1`, `0x7f.1` — because any of them may reach
 * a socket as the loopback address, so the policy has to see through all of them.
 */
export function parseIPv4(text: string): IpBytes | undefined {
  const parts = text.split('.')
  if (parts.length > 1 && parts.at(-1) === '') parts.pop()
  if (parts.length === 0 || parts.length > 4) return undefined
  const numbers: number[] = []
  for (const part of parts) {
    let n: number
    if (/^0x[0-9a-f]*$/i.test(part)) n = part.length === 2 ? 0 : parseInt(part.slice(2), 16)
    else if (/^0[0-7]+$/.test(part)) n = parseInt(part, 8)
    else if (/^(?:0|[1-9][0-9]*)$/.test(part)) n = Number(part)
    else return undefined
    if (!Number.isSafeInteger(n)) return undefined
    numbers.push(n)
  }
  // The last part fills every byte the others left, as in `127.1` = 127.0.0.1.
  const last = numbers.pop()!
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return undefined
  const value = numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), 0) + last
  return [Math.floor(value / 2 ** 24) % 256, Math.floor(value / 2 ** 16) % 256, Math.floor(value / 2 ** 8) % 256, value % 256]
}

/** Reads an IPv6 address, with or without brackets and zone (`fe80::1%eth0`). */
export function parseIPv6(text: string): IpBytes | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '')
  if (!isIPv6(bare)) return undefined
  const words = (groups: string): number[] =>
    groups === ''
      ? []
      : groups.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)]
          const [a = 0, b = 0, c = 0, d = 0] = parseIPv4(group) ?? []
          return [a * 256 + b, c * 256 + d]
        })
  const [head = '', tail] = bare.split('::')
  const front = words(head)
  const back = tail === undefined ? [] : words(tail)
  const all = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back]
  return all.flatMap((w) => [w >> 8, w & 255])
}

/** Either kind of address, or undefined for anything that is not one (a host name). */
export const parseIp = (text: string): IpBytes | undefined => parseIPv4(text) ?? parseIPv6(text)

/** The conventional text of an address (IPv4 dotted, IPv6 compressed), for messages. */
export function formatIp(bytes: IpBytes): string {
  if (bytes.length === 4) return bytes.join('.')
  const words = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!)
  // The longest run of two or more zero words becomes `::`.
  let best = { at: -1, length: 1 }
  for (let i = 0; i < 8; ) {
    let j = i
    while (j < 8 && words[j] === 0) j++
    if (j - i > best.length) best = { at: i, length: j - i }
    i = j === i ? i + 1 : j
  }
  const hex = words.map((w) => w.toString(16))
  if (best.at < 0) return hex.join(':')
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`
}

/** Whether `bytes` lies in the network `prefix`/`bits` (both of the same family). */
export function inNetwork(bytes: IpBytes, prefix: IpBytes, bits: number): boolean {
  if (bytes.length !== prefix.length) return false
  for (let i = 0; i < bits; i += 8) {
    const mask = bits - i >= 8 ? 0xff : (0xff << (8 - (bits - i))) & 0xff
    if ((bytes[i / 8]! & mask) !== (prefix[i / 8]! & mask)) return false
  }
  return true
}

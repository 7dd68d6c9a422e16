import { AppError } from '../../shared/index.js'
import { formatIp, inNetwork, parseIp, type IpBytes } from './ip-address.js'

/** Why an address is off limits; `metadata` marks cloud metadata endpoints (see AddressGuard). */
interface Verdict {
  reason: string
  metadata?: boolean
}

type Rule = [network: string, bits: number, reason: string, metadata?: boolean]

// First match wins, so the narrow metadata entries come before the ranges that hold them.
// Besides the ranges that reach the host or its network (loopback, private, link-local,
// CGNAT), the reserved ones are refused too: nothing public is ever published there.
const IPV4_RULES: Rule[] = [
  ['169.254.169.254', 32, 'a cloud metadata address', true], // AWS, Azure, GCP, Oracle…
  ['169.254.170.2', 32, 'a cloud metadata address', true], // AWS container credentials
  ['100.100.100.200', 32, 'a cloud metadata address', true], // Alibaba Cloud
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a reserved address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['255.255.255.255', 32, 'the broadcast address'],
  ['240.0.0.0', 4, 'a reserved address'],
]

const IPV6_RULES: Rule[] = [
  ['::', 128, 'the unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['fd00:ec2::254', 128, 'a cloud metadata address', true], // AWS over IPv6
  ['::', 96, 'a deprecated IPv4-compatible address'],
  ['64:ff9b:1::', 48, 'a local-use NAT64 address'],
  ['100::', 64, 'a discard-only address'],
  // Teredo hides its endpoint's IPv4 address (XOR-ed); tunnels are not how publishers serve.
  ['2001::', 32, 'a Teredo tunnel address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['fc00::', 7, 'a unique local address'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'a multicast address'],
]

// IPv6 forms that carry an IPv4 address and end up talking to it: judged by that address,
// so ::ffff:127.0.0.1 is as loopback as 127.0.0.1 while a NAT64 form of a public address passes.
const EMBEDDED_IPV4: Array<[network: string, bits: number, offset: number, form: string]> = [
  ['::ffff:0:0', 96, 12, 'an IPv4-mapped form'],
  ['::ffff:0:0:0', 96, 12, 'an IPv4-translated form'],
  ['64:ff9b::', 96, 12, 'a NAT64 form'],
  ['2002::', 16, 2, 'a 6to4 form'],
]

// Global unicast is 2000::/3; everything else in IPv6 is unassigned or special-purpose.
const GLOBAL_UNICAST: [IpBytes, number] = [parseIp('2000::')!, 3]

// Names that reach the host or a metadata service without any DNS record saying so; refused
// before resolving, so such names never leave the machine as queries.
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata.azure.internal'])

const compile = (rules: Rule[]) => rules.map(([net, bits, reason, metadata]) => ({ net: parseIp(net)!, bits, verdict: { reason, metadata } }))
const V4 = compile(IPV4_RULES)
const V6 = compile(IPV6_RULES)
const EMBEDDED = EMBEDDED_IPV4.map(([net, bits, offset, form]) => ({ net: parseIp(net)!, bits, offset, form }))

function judge(bytes: IpBytes): Verdict | undefined {
  if (bytes.length === 4) return V4.find((r) => inNetwork(bytes, r.net, r.bits))?.verdict
  for (const e of EMBEDDED) {
    if (!inNetwork(bytes, e.net, e.bits)) continue
    const v4 = bytes.slice(e.offset, e.offset + 4)
    const inner = judge(v4)
    return inner && { reason: `${e.form} of ${formatIp(v4)}, ${inner.reason}`, metadata: inner.metadata }
  }
  const rule = V6.find((r) => inNetwork(bytes, r.net, r.bits))
  if (rule) return rule.verdict
  return inNetwork(bytes, ...GLOBAL_UNICAST) ? undefined : { reason: 'a reserved address' }
}

/**
 * Why Dossier must not connect to `ip` — "a loopback address", "a private address", "a cloud
 * metadata address"… — or undefined when it is a public address. Text that is not an IP
 * address at all is refused too, so a caller's mistake fails closed.
 */
export function forbiddenAddressReason(ip: string): string | undefined {
  const bytes = parseIp(ip)
  return bytes ? judge(bytes)?.reason : 'not an IP address'
}

const normaliseHost = (host: string) => host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')

/**
 * Which forbidden destinations the operator has chosen to permit: IP addresses (`127.0.0.1`),
 * networks (`10.1.0.0/16`, `fd00::/8`) and host names (`intranet.example`). An address entry
 * permits that address whatever name led to it; a name entry permits whatever that name
 * resolves to, except cloud metadata addresses, so a re-pointed intranet name cannot hand out
 * cloud credentials. Metadata addresses must be listed as addresses to be reached.
 */
export class AllowList {
  readonly #names = new Set<string>()
  readonly #networks: Array<{ net: IpBytes; bits: number }> = []

  /** @throws AppError CONFIG_INVALID naming the first entry that is neither a name, an address nor a network. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [host = '', bits, ...rest] = normaliseHost(entry).split('/')
      const net = parseIp(normaliseHost(host))
      const width = net?.length === 4 ? 32 : 128
      if (net && bits === undefined) this.#networks.push({ net, bits: width })
      else if (net && rest.length === 0 && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= width) this.#networks.push({ net, bits: Number(bits) })
      else if (bits === undefined && /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(host)) this.#names.add(host)
      else throw new AppError('CONFIG_INVALID', `allowPrivateHosts: "${entry}" is not a host name, an IP address or a network (address/bits)`)
    }
  }

  permitsName(hostname: string): boolean {
    return this.#names.has(normaliseHost(hostname))
  }

  permitsAddress(bytes: IpBytes): boolean {
    const v4 = unmapped(bytes)
    return this.#networks.some(({ net, bits }) => inNetwork(bytes, net, bits) || (v4 !== undefined && inNetwork(v4, net, bits)))
  }
}

// ::ffff:a.b.c.d reaches a.b.c.d, so an entry for the IPv4 address covers it too.
function unmapped(bytes: IpBytes): IpBytes | undefined {
  return bytes.length === 16 && inNetwork(bytes, EMBEDDED[0]!.net, 96) ? bytes.slice(12) : undefined
}

/**
 * The whole address policy as the fetcher applies it: the built-in refusals, softened by the
 * operator's allow-list. Each method answers with the reason for a refusal, phrased to follow
 * the URL in a message, or undefined when the destination is fine.
 */
export class AddressGuard {
  constructor(readonly allow: AllowList) {}

  /** Before any lookup: an IP literal is judged as the address it is, a name by what it says. */
  hostRefusal(hostname: string): string | undefined {
    const host = normaliseHost(hostname)
    if (parseIp(host)) return this.addressRefusal(host, host)
    if (this.allow.permitsName(host)) return undefined
    if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is a loopback host name`
    if (METADATA_NAMES.has(host)) return `${host} is a cloud metadata host name`
    return undefined
  }

  /** For each address `hostname` resolved to, and for the address a socket actually reached. */
  addressRefusal(hostname: string, address: string): string | undefined {
    const bytes = parseIp(address)
    if (!bytes) return `${hostname} resolved to "${address}", which is not an IP address`
    const verdict = judge(bytes)
    if (!verdict || this.allow.permitsAddress(bytes)) return undefined
    const host = normaliseHost(hostname)
    if (!verdict.metadata && this.allow.permitsName(host)) return undefined
    const shown = formatIp(bytes)
    return parseIp(host) ? `${shown} is ${verdict.reason}` : `${host} resolves to ${shown}, ${verdict.reason}`
  }
}

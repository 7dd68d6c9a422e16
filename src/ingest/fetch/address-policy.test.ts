import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AppError } from '../../shared/index.js'
import { AddressGuard, AllowList, forbiddenAddressReason } from './address-policy.js'
import { formatIp, parseIp } from './ip-address.js'

describe('parseIp', () => {
  it('reads every IPv4 form the resolver accepts', () => {
    for (const form of ['127.0.0.1', '2130706433', '0177.0.0.1', '0x7f.1', '0x7f000001', '017700000001', '127.1', '127.0.1', '0x7F.0.0.1', '127.0.0.1.']) {
      assert.deepEqual(parseIp(form), [127, 0, 0, 1], form)
    }
  })
  it('refuses what is not an address', () => {
    for (const text of ['', 'example.org', '256.0.0.1', '1.2.3.4.5', '08.0.0.1', '4294967296', '1.16777216', '::g', '1::2::3', 'localhost']) {
      assert.equal(parseIp(text), undefined, text)
    }
  })
  it('reads IPv6 with brackets, zones and embedded IPv4', () => {
    assert.equal(formatIp(parseIp('[::1]')!), '::1')
    assert.equal(formatIp(parseIp('fe80::1%eth0')!), 'fe80::1')
    assert.equal(formatIp(parseIp('::ffff:127.0.0.1')!), '::ffff:7f00:1')
    assert.equal(formatIp(parseIp('2001:0db8:0000:0000:0001:0000:0000:0001')!), '2001:db8::1:0:0:1')
    assert.equal(formatIp(parseIp('0:0:0:0:0:0:0:0')!), '::')
  })
})

describe('forbiddenAddressReason', () => {
  const refused: Array<[string, RegExp]> = [
    // loopback, in all its spellings
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['2130706433', /loopback/],
    ['0177.0.0.1', /loopback/],
    ['0x7f.1', /loopback/],
    ['::1', /loopback/],
    ['0:0:0:0:0:0:0:1', /loopback/],
    // private
    ['10.0.0.5', /private/],
    ['10.255.255.255', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    // link-local, CGNAT
    ['169.254.1.1', /link-local/],
    ['fe80::1', /link-local/],
    ['febf::1', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.127.255.255', /carrier-grade NAT/],
    // multicast, unspecified, broadcast, reserved
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['ff02::1', /multicast/],
    ['0.0.0.0', /unspecified/],
    ['0.1.2.3', /unspecified/],
    ['0', /unspecified/],
    ['::', /unspecified/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /reserved/],
    ['192.0.0.170', /reserved/],
    ['192.0.2.1', /documentation/],
    ['198.51.100.7', /documentation/],
    ['203.0.113.9', /documentation/],
    ['198.18.0.1', /benchmarking/],
    ['2001:db8::1', /documentation/],
    ['100::1', /discard-only/],
    ['4000::1', /reserved/],
    // unique-local and site-local IPv6
    ['fc00::1', /unique local/],
    ['fd12:3456:789a::1', /unique local/],
    ['fec0::1', /site-local/],
    // cloud metadata
    ['169.254.169.254', /cloud metadata/],
    ['169.254.170.2', /cloud metadata/],
    ['100.100.100.200', /cloud metadata/],
    ['fd00:ec2::254', /cloud metadata/],
    // IPv4 inside IPv6: judged by the IPv4 address
    ['::ffff:127.0.0.1', /IPv4-mapped form of 127\.0\.0\.1, a loopback/],
    ['::ffff:7f00:1', /IPv4-mapped form of 127\.0\.0\.1, a loopback/],
    ['::ffff:10.0.0.1', /IPv4-mapped form of 10\.0\.0\.1, a private/],
    ['::ffff:169.254.169.254', /IPv4-mapped form of 169\.254\.169\.254, a cloud metadata/],
    ['0:0:0:0:0:ffff:c0a8:0101', /IPv4-mapped form of 192\.168\.1\.1/],
    ['::ffff:0:127.0.0.1', /IPv4-translated form of 127\.0\.0\.1/],
    ['::127.0.0.1', /deprecated IPv4-compatible/],
    ['64:ff9b::127.0.0.1', /NAT64 form of 127\.0\.0\.1, a loopback/],
    ['64:ff9b::a9fe:a9fe', /NAT64 form of 169\.254\.169\.254, a cloud metadata/],
    ['64:ff9b:1::1', /local-use NAT64/],
    ['2002:7f00:1::1', /6to4 form of 127\.0\.0\.1/],
    ['2002:c0a8:101::', /6to4 form of 192\.168\.1\.1/],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', /Teredo/],
    // not an address at all: fails closed
    ['example.org', /not an IP address/],
    ['', /not an IP address/],
  ]
  for (const [ip, reason] of refused) {
    it(`refuses ${ip || '(empty)'}`, () => assert.match(forbiddenAddressReason(ip) ?? 'allowed', reason))
  }

  it('allows public addresses, including the edges of the forbidden ranges', () => {
    for (const ip of [
      '93.184.216.34',
      '8.8.8.8',
      '1.1.1.1',
      '9.255.255.255',
      '11.0.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '126.255.255.255',
      '128.0.0.0',
      '169.253.255.255',
      '169.255.0.0',
      '172.15.255.255',
      '172.32.0.0',
      '192.167.255.255',
      '192.169.0.0',
      '223.255.255.255',
      '2606:4700:4700::1111',
      '2001:4860:4860::8888',
      '::ffff:93.184.216.34',
      '64:ff9b::5db8:d822',
      '2002:5db8:d822::1',
    ]) {
      assert.equal(forbiddenAddressReason(ip), undefined, ip)
    }
  })
})

describe('AllowList', () => {
  it('takes addresses, networks and names, and refuses anything else', () => {
    const allow = new AllowList(['127.0.0.1', '10.1.0.0/16', '[fd00::]/8', '::1', 'Intranet.Example.', 'localhost'])
    assert.ok(allow.permitsAddress(parseIp('127.0.0.1')!))
    assert.ok(allow.permitsAddress(parseIp('::ffff:127.0.0.1')!), 'the mapped form of a listed IPv4 address')
    assert.ok(!allow.permitsAddress(parseIp('127.0.0.2')!))
    assert.ok(allow.permitsAddress(parseIp('10.1.255.1')!))
    assert.ok(!allow.permitsAddress(parseIp('10.2.0.1')!))
    assert.ok(allow.permitsAddress(parseIp('fd12::1')!))
    assert.ok(allow.permitsAddress(parseIp('::1')!))
    assert.ok(allow.permitsName('intranet.example'))
    assert.ok(!allow.permitsName('other.example'))
    for (const bad of ['10.0.0.0/33', '::/129', 'a b', '*.example', '10.0.0.0/8/1', 'http://x/', 'name/8']) {
      assert.throws(() => new AllowList([bad]), (err: unknown) => err instanceof AppError && err.code === 'CONFIG_INVALID' && err.message.includes(bad), bad)
    }
  })
})

describe('AddressGuard', () => {
  it('judges IP literals and special names before any lookup', () => {
    const guard = new AddressGuard(new AllowList([]))
    assert.equal(guard.hostRefusal('127.0.0.1'), '127.0.0.1 is a loopback address')
    assert.equal(guard.hostRefusal('[::1]'), '::1 is a loopback address')
    assert.match(guard.hostRefusal('[::ffff:7f00:1]')!, /IPv4-mapped form of 127\.0\.0\.1/)
    assert.equal(guard.hostRefusal('localhost'), 'localhost is a loopback host name')
    assert.equal(guard.hostRefusal('LOCALHOST.'), 'localhost is a loopback host name')
    assert.equal(guard.hostRefusal('app.localhost'), 'app.localhost is a loopback host name')
    assert.equal(guard.hostRefusal('metadata.google.internal'), 'metadata.google.internal is a cloud metadata host name')
    assert.equal(guard.hostRefusal('example.org'), undefined, 'other names wait for their addresses')
    assert.equal(guard.hostRefusal('93.184.216.34'), undefined)
  })

  it('names the host and the address it resolved to', () => {
    const guard = new AddressGuard(new AllowList([]))
    assert.equal(guard.addressRefusal('evil.example', '10.0.0.5'), 'evil.example resolves to 10.0.0.5, a private address')
    assert.equal(guard.addressRefusal('ok.example', '93.184.216.34'), undefined)
  })

  it('lets the allow-list through, but a name entry never to a metadata address', () => {
    const guard = new AddressGuard(new AllowList(['127.0.0.1', 'intranet.example', '169.254.169.254']))
    assert.equal(guard.hostRefusal('127.0.0.1'), undefined)
    assert.equal(guard.addressRefusal('anything.example', '127.0.0.1'), undefined)
    assert.equal(guard.addressRefusal('intranet.example', '10.9.8.7'), undefined)
    assert.equal(guard.addressRefusal('intranet.example', '169.254.169.254'), undefined, 'listed as an address')
    assert.match(guard.addressRefusal('intranet.example', 'fd00:ec2::254')!, /cloud metadata/)
    assert.match(guard.addressRefusal('other.example', '10.9.8.7')!, /private/)
  })
})

import { describe, expect, it } from 'vitest'
import type { HostInterface } from '../../../electron/shared/types'
import { parseHelperDump } from '../../../electron/services/host/helper'
import { formatBytes, formatIfconfig, ifconfigOrder, nstrcmp } from '../../../electron/services/host/ifconfig'
import { buildHostInterfaces, parseIpAddrJson } from '../../../electron/services/host/parse'
import { helperDump, ifconfigBlocks, ifconfigText, ipAddrJson } from './fixtures/load'

const dump = parseHelperDump(helperDump)
const ip = parseIpAddrJson(ipAddrJson)
const recorded = buildHostInterfaces({ ...dump.raw, netlink: ip.netlink, ipv4: ip.ipv4 })

/**
 * ifconfig lists an address under an alias label (`bvt-tap:1`) as an interface of its own.
 * HostInterface has no address labels, so those blocks are left out of the comparison.
 */
const withoutAliases = (text: string): string =>
  [...ifconfigBlocks(text)].filter(([name]) => !name.includes(':')).map(([, block]) => block).join('')

const COUNTER_LINE = /^ {8}(RX|TX) (packets|errors) .*$/gm

describe('formatIfconfig', () => {
  it('reproduces `ifconfig -a` as recorded on this machine, byte for byte, but for the counters of 15-character names', () => {
    const ours = ifconfigBlocks(formatIfconfig(recorded))
    const real = ifconfigBlocks(withoutAliases(ifconfigText))
    expect([...ours.keys()]).toEqual([...real.keys()])
    for (const [name, block] of real) {
      if (name.length < 15) expect(ours.get(name)).toBe(block)
      else expect(ours.get(name)!.replace(COUNTER_LINE, '')).toBe(block.replace(COUNTER_LINE, ''))
    }
  })

  it('prints the real counters where net-tools 2.10 prints zeros for a 15-character name (every br-<12 hex> bridge)', () => {
    const long = recorded.filter((i) => i.name.length === 15 && i.tx.packets > 0)
    expect(long.length).toBeGreaterThan(0)
    for (const i of long) {
      expect(ifconfigBlocks(ifconfigText).get(i.name)).toContain('TX packets 0  bytes 0 (0.0 B)')
      expect(formatIfconfig(recorded, i.name)).toContain(`TX packets ${i.tx.packets}  bytes ${i.tx.bytes} `)
    }
  })

  it('prints one interface when given its name, and nothing for an unknown name', () => {
    expect(formatIfconfig(recorded, 'docker0')).toBe(ifconfigBlocks(ifconfigText).get('docker0'))
    expect(formatIfconfig(recorded, 'lo')).toContain('        loop  txqueuelen 1000  (Local Loopback)\n')
    expect(formatIfconfig(recorded, 'nope0')).toBe('')
  })

  it('prints the UNSPEC hardware line of an address-less tun device', () => {
    expect(formatIfconfig(recorded, 'bvt-tun')).toContain(
      '        unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  txqueuelen 500  (UNSPEC)\n',
    )
  })

  it('prints "broadcast 0.0.0.0" for a broadcast-capable interface whose address has none', () => {
    expect(formatIfconfig(recorded, 'bvt-br')).toContain('        inet 10.199.0.1  netmask 255.255.255.0  broadcast 0.0.0.0\n')
  })

  it('prints net-tools\' odd "flags=0<" for an interface without flags', () => {
    const bare: HostInterface = { ...recorded.find((i) => i.name === 'ifb0')!, flags: [], flagsValue: 0 }
    expect(formatIfconfig([bare]).split('\n')[0]).toBe('ifb0: flags=0<  mtu 1500')
  })
})

describe('byte units', () => {
  it('truncates to one decimal and switches unit only above 1024 of the smaller one', () => {
    expect(formatBytes(0)).toBe('0.0 B')
    expect(formatBytes(1024)).toBe('1024.0 B')
    expect(formatBytes(1025)).toBe('1.0 KiB')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(3193)).toBe('3.1 KiB')
    expect(formatBytes(1048576)).toBe('1024.0 KiB')
    expect(formatBytes(654093121)).toBe('623.7 MiB')
    expect(formatBytes(1073741825)).toBe('1.0 GiB')
    expect(formatBytes(5 * 1099511627776 + 1)).toBe('5.0 TiB')
    expect(formatBytes(3 * 1125899906842624 + 1)).toBe('3.0 PiB')
  })

  it('agrees with every byte figure in the recorded ifconfig output', () => {
    const figures = [...ifconfigText.matchAll(/bytes (\d+) \(([^)]+)\)/g)]
    expect(figures.length).toBeGreaterThan(10)
    for (const [, bytes, shown] of figures) expect(formatBytes(Number(bytes))).toBe(shown)
  })
})

describe('interface order', () => {
  it('passes the self-test cases of net-tools lib/nstrcmp.c', () => {
    const cases: Array<[string, string, number]> = [
      ['eth1', 'eth1', 0], ['eth0:1', 'eth0:1', 0], ['lan', 'lan', 0], ['100', '100', 0], ['', '', 0],
      [':', ':', 0], ['a:b:c', 'a:b:c', 0], ['a:', 'a:', 0], [':a', ':a', 0],
      ['a', 'aa', -1], ['eth0', 'eth1', -1], ['eth1', 'eth20', -1], ['eth20', 'eth100', -1], ['eth1', 'eth13', -1],
      ['eth', 'eth2', -1], ['eth0:1', 'eth0:2', -1], ['eth1:10', 'eth13:10', -1], ['eth1:1', 'eth1:13', -1], ['a', 'a:', -1],
      ['aa', 'a', 1], ['eth2', 'eth1', 1], ['eth13', 'eth1', 1], ['eth2', 'eth', 1], ['eth2:10', 'eth2:1', 1],
      ['eth2:5', 'eth2:4', 1], ['eth3:2', 'eth2:3', 1], ['eth13:1', 'eth1:0', 1], ['a:', 'a', 1], ['a1b12', 'a1b2', 1],
    ]
    for (const [a, b, sign] of cases) expect([a, b, Math.sign(nstrcmp(a, b))]).toEqual([a, b, sign])
  })

  it('lists interfaces in the order ifconfig printed them here', () => {
    const printed = [...ifconfigBlocks(ifconfigText).keys()].filter((n) => !n.includes(':'))
    expect(ifconfigOrder(recorded).map((i) => i.name)).toEqual(printed)
  })

  it('orders numbered names numerically', () => {
    const names = ['eth10', 'eth2', 'eth1', 'veth9', 'veth10'].map((name, index) => ({ name, index: index + 1 }))
    expect(ifconfigOrder(names).map((i) => i.name)).toEqual(['eth1', 'eth2', 'eth10', 'veth9', 'veth10'])
  })
})

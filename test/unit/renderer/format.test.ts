import { describe, expect, it } from 'vitest'
import { formatPacketRate, formatPort, formatRate, sortedPorts } from '../../../renderer/src/components/format'

describe('formatters', () => {
  it('print rates in binary units like ifconfig', () => {
    expect(formatRate(0)).toBe('0 B/s')
    expect(formatRate(512)).toBe('512 B/s')
    expect(formatRate(1536)).toBe('1.5 KiB/s')
    expect(formatRate(150 * 1024 * 1024)).toBe('150 MiB/s')
    expect(formatRate(Number.NaN)).toBe('0 B/s')
    expect(formatPacketRate(3.25)).toBe('3.3 pkt/s')
    expect(formatPacketRate(42.4)).toBe('42 pkt/s')
  })

  it('print published ports the way docker ps does, IPv4 first', () => {
    const ports = sortedPorts([
      { containerPort: 80, protocol: 'tcp', hostIp: '::', hostPort: 8080 },
      { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 },
      { containerPort: 53, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 5353 },
      { containerPort: 9000, protocol: 'tcp', hostIp: null, hostPort: null },
      { containerPort: 443, protocol: 'tcp', hostIp: '::1', hostPort: 8443 },
    ])
    expect(ports.map(formatPort)).toEqual(['127.0.0.1:5353->53/udp', '0.0.0.0:8080->80/tcp', ':::8080->80/tcp', '[::1]:8443->443/tcp', '9000/tcp'])
  })
})

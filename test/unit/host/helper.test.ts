import { describe, expect, it } from 'vitest'
import { demuxDockerStream, HELPER_SCRIPT, parseHelperDump } from '../../../electron/services/host/helper'
import { helperDump, recordedContainers } from './fixtures/load'

const frame = (stream: 1 | 2, text: string): Buffer => {
  const body = Buffer.from(text)
  const header = Buffer.alloc(8)
  header[0] = stream
  header.writeUInt32BE(body.length, 4)
  return Buffer.concat([header, body])
}

describe('the helper dump', () => {
  const dump = parseHelperDump(helperDump)

  it('yields one namespace probe per pid it was given, in order', () => {
    expect(dump.probes.map((p) => p.pid)).toEqual(recordedContainers.map((c) => c.pid))
  })

  it('identifies the host namespace, which host-mode containers share', () => {
    const hosty = recordedContainers.find((c) => c.networkModeRaw === 'host')!
    expect(dump.hostNetnsInodes).toHaveLength(1)
    expect(dump.probes.find((p) => p.pid === hosty.pid)!.netnsInode).toBe(dump.hostNetnsInodes[0])
  })

  it('sees only the loopback interface in a none-mode container', () => {
    const lonely = recordedContainers.find((c) => c.networkModeRaw === 'none')!
    const probe = dump.probes.find((p) => p.pid === lonely.pid)!
    expect(probe.interfaces).toEqual([])
    expect(probe.netnsInode).not.toBeNull()
  })

  it('rejects a dump that was cut off', () => {
    expect(() => parseHelperDump(helperDump.replace('@@bv end', ''))).toThrow(/incomplete/)
  })

  it('reads pids only as positional parameters, never spliced into the script', () => {
    expect(HELPER_SCRIPT).toContain('for p in "$@"; do')
    expect(HELPER_SCRIPT).toContain('*[!0-9]*) continue;;')
  })
})

describe('demultiplexing the attach stream', () => {
  it('separates stdout and stderr frames and joins split frames back together', () => {
    const buffer = Buffer.concat([frame(1, '@@bv at'), frame(2, 'oops\n'), frame(1, 'trs\nline\n')])
    expect(demuxDockerStream(buffer)).toEqual({ stdout: '@@bv attrs\nline\n', stderr: 'oops\n' })
  })
})

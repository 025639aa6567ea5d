import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatIfconfig } from '../../../electron/services/host/ifconfig'
import { readHostInterfaces } from '../../../electron/services/host/interfaces'
import { canCreateDevices, createTestDevices, type TestDevices } from './netdevs'

const run = promisify(execFile)
const ifconfig = async (...args: string[]): Promise<string> => (await run('ifconfig', args, { encoding: 'utf8' })).stdout
const hasIfconfig = await ifconfig('lo').then(
  () => true,
  () => false,
)

function blocks(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const block of text.split(/\n\n/)) {
    const name = /^(\S+): flags=/.exec(block)?.[1]
    if (name && !name.includes(':')) out.set(name, `${block}\n\n`)
  }
  return out
}

/** Counters move between two reads; everything else must match to the byte. */
const maskCounters = (block: string): string => block.replace(/^( {8}(?:RX|TX) .*)$/gm, (line) => line.replace(/\d+(\.\d)?/g, '#'))

let devices: TestDevices | undefined

beforeAll(async () => {
  if (canCreateDevices) devices = await createTestDevices('ic')
})
afterAll(async () => {
  await devices?.remove()
})

describe.runIf(hasIfconfig)('formatIfconfig against net-tools ifconfig on this machine', () => {
  it('prints every interface as `ifconfig -a` does, in the same order, counters aside', async () => {
    // Interfaces come and go while other tests run: retry until both reads saw the same set.
    for (let attempt = 0; ; attempt++) {
      const ours = blocks(formatIfconfig(await readHostInterfaces()))
      const real = blocks(await ifconfig('-a'))
      if ([...ours.keys()].join() !== [...real.keys()].join() && attempt < 10) continue
      expect([...ours.keys()]).toEqual([...real.keys()])
      for (const [name, block] of real) expect(maskCounters(ours.get(name)!)).toBe(maskCounters(block))
      return
    }
  })

  it.runIf(canCreateDevices)('prints the test\'s own quiet bridge, veth, bridge and tun device exactly, counters included', async () => {
    const names = [devices!.quietBridge, devices!.tun]
    const ours = await readHostInterfaces()
    for (const name of names) expect(formatIfconfig(ours, name)).toBe(await ifconfig(name))
    // The up bridge and the veth exchange IPv6 housekeeping packets; compare them until a read is stable.
    for (const name of [devices!.bridge, devices!.veth]) {
      let same = false
      for (let attempt = 0; attempt < 20 && !same; attempt++) {
        const real = await ifconfig(name)
        same = formatIfconfig(await readHostInterfaces(), name) === real && real === (await ifconfig(name))
      }
      expect([name, same]).toEqual([name, true])
    }
  })

  it.runIf(canCreateDevices)('prints a bridge port without the PROMISC the bridge gave it, like ifconfig', async () => {
    const port = (await readHostInterfaces()).find((i) => i.name === devices!.veth)!
    expect(port.flags).not.toContain('PROMISC')
    expect((await ifconfig(devices!.veth)).split('\n')[0]).toBe(formatIfconfig([port]).split('\n')[0])
  })
})

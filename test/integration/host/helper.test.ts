import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostInterface } from '../../../electron/shared/types'
import { HELPER_LABEL, pullImage, readInterfacesViaHelper, sweepStaleHelpers } from '../../../electron/services/host/helper'
import { readHostInterfaces } from '../../../electron/services/host/interfaces'
import { LABEL, testEngine, type TestEngine } from '../../support/engine'

let t: TestEngine
let webPid = 0

beforeAll(async () => {
  t = testEngine('host-helper')
  // Something to look at: a container with a veth on the default bridge.
  const web = await t.container(`${t.runId}-web`)
  webPid = (await web.inspect()).State.Pid
})
afterAll(async () => {
  await t?.cleanup()
})

/** Everything but counters, and but the link-netnsid, which busybox `ip` cannot report. */
const shape = ({ rx: _rx, tx: _tx, linkNetnsId: _n, ...rest }: HostInterface) => rest

describe.runIf(process.platform === 'linux')('reading the engine host through a helper container', () => {
  it('reads what the direct reader reads, with counters between a direct read before and one after', async () => {
    for (let attempt = 0; ; attempt++) {
      const before = await readHostInterfaces()
      const helper = await readInterfacesViaHelper(t.docker, { labels: t.labels })
      const after = await readHostInterfaces()
      // Other tests create and remove interfaces meanwhile; judge only what stayed put.
      const stable = (i: HostInterface) => {
        const a = after.find((x) => x.index === i.index)
        return a !== undefined && JSON.stringify(shape(a)) === JSON.stringify(shape(i))
      }
      const kept = before.filter(stable)
      const helped = helper.interfaces.filter((h) => kept.some((k) => k.index === h.index))
      if ((helped.length !== kept.length || kept.length < before.length - 4) && attempt < 5) continue
      expect(helped.map(shape)).toEqual(kept.map(shape))
      for (const h of helped) {
        const b = before.find((x) => x.index === h.index)!
        const a = after.find((x) => x.index === h.index)!
        for (const side of ['rx', 'tx'] as const) {
          for (const [key, value] of Object.entries(h[side])) {
            const k = key as keyof typeof b.rx & keyof typeof b.tx
            expect([h.name, side, key, value >= b[side][k] && value <= a[side][k]]).toEqual([h.name, side, key, true])
          }
        }
      }
      expect(helped.some((h) => h.kind === 'veth')).toBe(true)
      return
    }
  })

  it('removes its container afterwards and labels it while it exists', async () => {
    await readInterfacesViaHelper(t.docker, { labels: t.labels })
    const left = await t.docker.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=interfaces`, `${LABEL}=${t.runId}`] } })
    expect(left).toEqual([])
  })

  it('ignores pids that are not positive integers instead of passing them to the script', async () => {
    const reading = await readInterfacesViaHelper(t.docker, { labels: t.labels, pids: [Number.NaN, -3, 1.5, webPid] })
    expect(reading.probes.map((p) => p.pid)).toEqual([webPid])
    expect(reading.probes[0].netnsInode).not.toBeNull()
    expect(reading.hostNetnsInodes).not.toContain(reading.probes[0].netnsInode)
    expect(reading.probes[0].interfaces.map((i) => i.name)).toEqual(['eth0'])
  })

  it('follows an image pull to its end', async () => {
    await pullImage(t.docker, 'busybox:latest')
    await expect(t.docker.getImage('busybox:latest').inspect()).resolves.toBeTruthy()
  })

  it('removes helper containers a lost engine left behind, and only those', async () => {
    const leftover = await t.docker.createContainer({ Image: 'busybox:latest', Cmd: ['true'], Labels: { ...t.labels, [HELPER_LABEL]: 'interfaces' } })
    const bystander = await t.docker.createContainer({ Image: 'busybox:latest', Cmd: ['true'], Labels: t.labels })
    expect(await sweepStaleHelpers(t.docker, 0)).toBeGreaterThanOrEqual(1)
    await expect(leftover.inspect()).rejects.toMatchObject({ statusCode: 404 })
    expect((await bystander.inspect()).Id).toBe(bystander.id)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, EngineService } from '../../../electron/services/engine/engine'
import { testEngine, type TestEngine } from '../../support/engine'

let t: TestEngine
let engine: EngineService

beforeAll(async () => {
  t = testEngine('engine')
  engine = await connectEngine({ host: t.host })
})
afterAll(async () => {
  await t.cleanup()
})

describe('the engine service against the test engine', () => {
  it('reports the version and API version that `docker version` reports', async () => {
    const info = await engine.info()
    const cli = JSON.parse(await t.cli(['version', '--format', '{{json .Server}}']))
    expect(info.version).toBe(cli.Version)
    expect(info.apiVersion).toBe(cli.ApiVersion)
    expect(info.os).toBe('linux')
    expect(info.endpoint).toBe(t.host)
    expect(info.kind).toBe('native-linux')
  })

  it('lists a labelled network it did not know before, with its subnet and gateway, and forgets it once removed', async () => {
    const name = `${t.runId}-net`
    const created = await t.network(name, { IPAM: { Driver: 'default', Config: [{ Subnet: '10.213.7.0/24', Gateway: '10.213.7.1' }] } })
    const listed = (await engine.listNetworks()).find((n) => n.name === name)
    expect(listed).toBeDefined()
    expect(listed!.id).toBe(created.id)
    expect(listed!.driver).toBe('bridge')
    expect(listed!.subnets).toEqual([{ subnet: '10.213.7.0/24', gateway: '10.213.7.1' }])
    expect(listed!.bridge).toBe(`br-${created.id.slice(0, 12)}`)
    expect(listed!.labels['bridgeview.test']).toBe(t.runId)
    expect(listed!.memberCount).toBe(0)

    await created.remove()
    expect((await engine.listNetworks()).some((n) => n.name === name)).toBe(false)
  })

  it('lists bridge, host and none with the drivers `docker network ls` shows', async () => {
    const networks = await engine.listNetworks()
    const lines = (await t.cli(['network', 'ls', '--format', '{{.Name}} {{.Driver}} {{.ID}}'])).trim().split('\n')
    for (const line of lines) {
      const [name, driver, shortId] = line.split(' ')
      const n = networks.find((x) => x.name === name)
      expect(n, name).toBeDefined()
      expect(n!.driver).toBe(driver)
      expect(n!.id.startsWith(shortId)).toBe(true)
    }
    expect(networks.find((n) => n.name === 'bridge')!.bridge).toBe('docker0')
    expect(networks.find((n) => n.name === 'host')!.bridge).toBeNull()
  })

  it('counts the members of a network as inspect does', async () => {
    const net = await t.network(`${t.runId}-members`)
    await t.container(`${t.runId}-m1`, { HostConfig: { NetworkMode: `${t.runId}-members` } })
    await t.container(`${t.runId}-m2`, { HostConfig: { NetworkMode: `${t.runId}-members` } })
    const listed = (await engine.listNetworks()).find((n) => n.id === net.id)!
    const inspected = await net.inspect()
    expect(listed.memberCount).toBe(Object.keys(inspected.Containers ?? {}).length)
    expect(listed.memberCount).toBe(2)
  })

  it('gives ENGINE_UNREACHABLE naming the address it tried when DOCKER_HOST points nowhere', async () => {
    const nowhere = 'unix:///tmp/bridgeview-no-engine-here.sock'
    const error = await connectEngine({ env: { DOCKER_HOST: nowhere } }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ENGINE_UNREACHABLE' })
    expect((error as Error).message).toContain(nowhere)
    expect((error as { detail: { tried: string[] } }).detail.tried).toEqual([nowhere])
  })

  it('gives ENGINE_UNREACHABLE for a TCP address where nothing listens on 127.0.0.1', async () => {
    const error = await connectEngine({ host: 'tcp://127.0.0.1:1' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ENGINE_UNREACHABLE' })
  })

  it('gives TIMEOUT when the engine does not answer in time', async () => {
    const { createServer } = await import('node:net')
    // A socket that accepts and never answers: the engine hung.
    const server = createServer(() => undefined)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as { port: number }).port
    try {
      const error = await connectEngine({ host: `tcp://127.0.0.1:${port}`, timeoutMs: 300 }).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'TIMEOUT' })
      expect((error as Error).message).toContain(`tcp://127.0.0.1:${port}`)
    } finally {
      server.close()
    }
  })
})

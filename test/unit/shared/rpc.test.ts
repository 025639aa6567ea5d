import { describe, expect, it } from 'vitest'
import { BridgeviewError, type Envelope } from '../../../electron/shared/errors'
import { INVOKE_CHANNELS } from '../../../electron/shared/contract'
import { createApi, createDispatcher, type Handlers, type Transport } from '../../../electron/shared/rpc'

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const fail = (): never => {
    throw new Error('not used in this test')
  }
  const base = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, fail])) as unknown as Handlers
  return { ...base, ...overrides }
}

const trusted = { trustedSender: true, sender: 'test' }

describe('the dispatcher', () => {
  it('wraps a handler result in an ok envelope', async () => {
    const dispatch = createDispatcher(handlers({ 'containers:env': (ref) => [`REF=${ref}`] }))
    expect(await dispatch('containers:env', ['web'], trusted)).toEqual({ ok: true, value: ['REF=web'] })
  })

  it('refuses a sender that is not the app window before running anything', async () => {
    let ran = false
    const dispatch = createDispatcher(handlers({ 'networks:list': () => ((ran = true), []) }))
    const result = await dispatch('networks:list', [], { trustedSender: false, sender: 'https://evil.example' })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.code).toBe('FORBIDDEN_SENDER')
    expect(ran).toBe(false)
  })

  it('rejects arguments that do not match the contract with INVALID_ARGUMENT naming the channel', async () => {
    const dispatch = createDispatcher(handlers({ 'networks:inspect': () => ({}) as never }))
    const bad = await dispatch('networks:inspect', ['$(rm -rf /)'], trusted)
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.error.code).toBe('INVALID_ARGUMENT')
    expect(!bad.ok && bad.error.message).toContain('networks:inspect')
    const extra = await dispatch('networks:list', ['surplus'], trusted)
    expect(!extra.ok && extra.error.code).toBe('INVALID_ARGUMENT')
  })

  it('reports an unknown channel', async () => {
    const result = await createDispatcher(handlers())('shell:exec', [], trusted)
    expect(!result.ok && result.error.code).toBe('UNKNOWN_CHANNEL')
  })

  it('keeps the code and detail of a BridgeviewError and turns other throws into INTERNAL', async () => {
    const dispatch = createDispatcher(
      handlers({
        'engine:info': () => {
          throw new BridgeviewError('ENGINE_UNREACHABLE', 'nobody home', { tried: ['unix:///x.sock'] })
        },
        'networks:list': () => {
          throw new TypeError('boom')
        },
      }),
    )
    expect(await dispatch('engine:info', [], trusted)).toEqual({
      ok: false,
      error: { code: 'ENGINE_UNREACHABLE', message: 'nobody home', detail: { tried: ['unix:///x.sock'] } },
    })
    const internal = await dispatch('networks:list', [], trusted)
    expect(!internal.ok && internal.error).toEqual({ code: 'INTERNAL', message: 'boom' })
  })
})

describe('the API built from a transport', () => {
  function loopback(dispatch = createDispatcher(handlers({ 'containers:env': (ref) => [ref] }))): Transport & { sent: number } {
    const t = {
      sent: 0,
      invoke: async (channel: string, args: unknown[]): Promise<Envelope<unknown>> => {
        t.sent++
        return dispatch(channel, args, trusted)
      },
      subscribe: () => () => undefined,
    }
    return t
  }

  it('has one named function per channel', () => {
    const api = createApi(loopback())
    for (const channel of INVOKE_CHANNELS) expect(typeof api[channel]).toBe('function')
  })

  it('validates arguments before they leave the renderer', async () => {
    const transport = loopback()
    const api = createApi(transport)
    await expect(api['containers:env']('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect(transport.sent).toBe(0)
    await expect(api['containers:env']('db')).resolves.toEqual(['db'])
  })

  it('packs an error for the context bridge so the renderer can revive its code and detail', async () => {
    const dispatch = createDispatcher(
      handlers({
        'engine:info': () => {
          throw new BridgeviewError('PERMISSION_DENIED', 'no access', { tried: ['unix:///var/run/docker.sock'] })
        },
      }),
    )
    const api = createApi(loopback(dispatch), (e) => {
      throw new Error(e.toBridgeMessage())
    })
    const thrown = await api['engine:info']().catch((e: unknown) => e)
    // What the contextBridge keeps of an Error is its message; revive restores the rest.
    const copied = new Error((thrown as Error).message)
    const revived = BridgeviewError.revive(copied)
    expect(revived.code).toBe('PERMISSION_DENIED')
    expect(revived.message).toBe('no access')
    expect(revived.detail).toEqual({ tried: ['unix:///var/run/docker.sock'] })
  })
})

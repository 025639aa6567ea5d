/**
 * `window.bridgeview` for component tests, built by the contract's own `createApi` over a
 * transport that answers from handlers the test gives, so pages go through `api.ts` as
 * they do in the app.
 */
import type { EventChannel, Events, InvokeChannel } from '../../../electron/shared/contract'
import { BridgeviewError, type ErrorData } from '../../../electron/shared/errors'
import { createApi, type BridgeviewApi } from '../../../electron/shared/rpc'

export interface FakeDesktop {
  calls: Array<{ channel: InvokeChannel; args: unknown[] }>
  emit<E extends EventChannel>(channel: E, payload: Events[E]): void
  uninstall(): void
}

export function installFakeDesktop(handlers: Partial<Record<InvokeChannel, (...args: unknown[]) => unknown>>, fail?: ErrorData): FakeDesktop {
  const calls: FakeDesktop['calls'] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const api: BridgeviewApi = createApi({
    async invoke(channel, args) {
      calls.push({ channel, args })
      if (fail) return { ok: false, error: fail }
      const handler = handlers[channel]
      if (!handler) return { ok: false, error: new BridgeviewError('UNKNOWN_CHANNEL', `no fake for ${channel}`).toData() }
      return { ok: true, value: await handler(...args) }
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set()
      listeners.set(channel, set)
      set.add(listener)
      return () => set.delete(listener)
    },
  })
  Object.defineProperty(window, 'bridgeview', { value: api, configurable: true, writable: true })
  return {
    calls,
    emit(channel, payload) {
      for (const l of listeners.get(channel) ?? []) l(payload)
    },
    uninstall() {
      delete (window as { bridgeview?: unknown }).bridgeview
    },
  }
}

/**
 * The renderer's one door to the desktop: nothing else touches `window.bridgeview`. Every
 * failure comes out as a BridgeviewError with its code, whichever shell the app runs in.
 */
import { BridgeviewError } from '@shared/errors'
import type { BridgeviewApi } from '@shared/rpc'
import type { EventChannel, Events, InvokeArgs, InvokeChannel, InvokeResult } from '@shared/contract'

declare global {
  interface Window {
    bridgeview?: BridgeviewApi
  }
}

function bridge(): BridgeviewApi {
  const api = window.bridgeview
  if (!api) throw new BridgeviewError('ENGINE_UNREACHABLE', 'Bridgeview is not connected to its desktop side (window.bridgeview is missing).')
  return api
}

export async function call<K extends InvokeChannel>(channel: K, ...args: InvokeArgs<K>): Promise<InvokeResult<K>> {
  try {
    const method = bridge()[channel] as (...a: InvokeArgs<K>) => Promise<InvokeResult<K>>
    return await method(...args)
  } catch (error) {
    throw BridgeviewError.revive(error)
  }
}

export function on<E extends EventChannel>(channel: E, listener: (payload: Events[E]) => void): () => void {
  const api = window.bridgeview
  if (!api) return () => undefined
  return api.on(channel, listener)
}

export { BridgeviewError }

/**
 * The two ends of the contract, independent of how bytes travel: `createApi` turns a
 * transport into the renderer's `window.bridgeview`; `createDispatcher` turns service
 * handlers into one validated, error-enveloped entry point for main and the harness.
 */
import * as v from 'valibot'
import { BridgeviewError, type Envelope } from './errors'
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  invokeArgs,
  isEventChannel,
  isInvokeChannel,
  type EventChannel,
  type Events,
  type Invoke,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
} from './contract'

export interface Transport {
  invoke(channel: InvokeChannel, args: unknown[]): Promise<Envelope<unknown>>
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void
}

export type ApiMethods = {
  [K in InvokeChannel]: (...args: InvokeArgs<K>) => Promise<InvokeResult<K>>
}

export interface ApiEvents {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventChannel>(channel: E, listener: (payload: Events[E]) => void): () => void
}

export type BridgeviewApi = ApiMethods & ApiEvents

/** Validates arguments against the contract; throws INVALID_ARGUMENT naming the channel and the fault. */
export function validateArgs<K extends InvokeChannel>(channel: K, args: unknown): InvokeArgs<K> {
  const result = v.safeParse(invokeArgs[channel], args)
  if (result.success) return result.output
  const issue = result.issues[0]
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? ''
  throw new BridgeviewError(
    'INVALID_ARGUMENT',
    `${channel}: argument ${path === '' ? '' : path + ' '}${issue.message}`.replace(/\s+/g, ' ').trim(),
    { channel, path },
  )
}

export function toErrorData(error: unknown): BridgeviewError {
  if (error instanceof BridgeviewError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new BridgeviewError('INTERNAL', message)
}

/**
 * Builds the API object from a transport: one named function per invoke channel and `on`
 * for events. `raise` decides how a failure is thrown (the preload packs it for the
 * contextBridge, the harness throws the BridgeviewError itself).
 */
export function createApi(
  transport: Transport,
  raise: (error: BridgeviewError) => never = (error) => {
    throw error
  },
): BridgeviewApi {
  const api: Record<string, unknown> = {}
  for (const channel of INVOKE_CHANNELS) {
    api[channel] = async (...args: unknown[]) => {
      let envelope: Envelope<unknown>
      try {
        const valid = validateArgs(channel, args)
        envelope = await transport.invoke(channel, valid as unknown[])
      } catch (error) {
        return raise(toErrorData(error))
      }
      if (envelope.ok) return envelope.value
      return raise(BridgeviewError.fromData(envelope.error))
    }
  }
  api.on = (channel: EventChannel, listener: (payload: unknown) => void) => {
    if (!isEventChannel(channel)) raise(new BridgeviewError('UNKNOWN_CHANNEL', `No event channel "${String(channel)}"`))
    if (typeof listener !== 'function') raise(new BridgeviewError('INVALID_ARGUMENT', 'on: listener must be a function'))
    return transport.subscribe(channel, listener)
  }
  return api as unknown as BridgeviewApi
}

export type Handlers = {
  [K in InvokeChannel]: (...args: InvokeArgs<K>) => InvokeResult<K> | Promise<InvokeResult<K>>
}

/** Context of one call as the transport knows it. */
export interface CallContext {
  /** Whether the transport has verified that the caller is the app's own window. */
  trustedSender: boolean
  /** A short description of the caller for the refusal message. */
  sender: string
}

export type Dispatch = (channel: unknown, args: unknown, context: CallContext) => Promise<Envelope<unknown>>

/**
 * The one wrapper every handler goes through: sender check, argument validation, error
 * envelope (Electron security checklist: "validate the sender of all IPC messages").
 */
export function createDispatcher(handlers: Handlers, log?: (line: string) => void): Dispatch {
  return async (channel, args, context) => {
    try {
      if (!context.trustedSender) {
        throw new BridgeviewError('FORBIDDEN_SENDER', `Refused a call from ${context.sender}: not Bridgeview's window`)
      }
      if (!isInvokeChannel(channel)) {
        throw new BridgeviewError('UNKNOWN_CHANNEL', `No invoke channel "${String(channel)}"`)
      }
      const valid = validateArgs(channel, args)
      const handler = handlers[channel] as (...a: unknown[]) => unknown
      const value = await handler(...(valid as unknown[]))
      return { ok: true, value }
    } catch (error) {
      const bv = toErrorData(error)
      if (bv.code === 'INTERNAL' || bv.code === 'FORBIDDEN_SENDER') log?.(`${String(channel)}: ${bv.code} ${bv.message}`)
      return { ok: false, error: bv.toData() }
    }
  }
}

export { EVENT_CHANNELS, INVOKE_CHANNELS }
export type { Invoke, Events }

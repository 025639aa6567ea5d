/**
 * Errors cross IPC as data. Expected failures carry a code the UI turns into a sentence
 * and a next step; `detail` holds what helps (e.g. which sockets were tried).
 */
export const ERROR_CODES = [
  'ENGINE_UNREACHABLE',
  'PERMISSION_DENIED',
  'TIMEOUT',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'ENGINE_ERROR',
  'NAME_TAKEN',
  'SUBNET_OVERLAP',
  'PORT_IN_USE',
  'OPERATION_REFUSED',
  'CANCELLED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorData {
  code: ErrorCode
  message: string
  detail?: Record<string, unknown>
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorData }

const MARK = '\n--bridgeview--\n'

export class BridgeviewError extends Error {
  readonly code: ErrorCode
  readonly detail: Record<string, unknown> | undefined

  constructor(code: ErrorCode, message: string, detail?: Record<string, unknown>) {
    super(message)
    this.name = 'BridgeviewError'
    this.code = code
    this.detail = detail
  }

  toData(): ErrorData {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail }
  }

  static fromData(data: ErrorData): BridgeviewError {
    return new BridgeviewError(data.code, data.message, data.detail)
  }

  /**
   * Electron's contextBridge copies only `message` of a thrown error, so the preload packs
   * the whole error into it and the renderer unpacks it with {@link BridgeviewError.revive}.
   */
  toBridgeMessage(): string {
    return `${this.message}${MARK}${JSON.stringify(this.toData())}`
  }

  /** Turns whatever crossed a bridge back into a BridgeviewError. */
  static revive(error: unknown): BridgeviewError {
    if (error instanceof BridgeviewError) return error
    // The same class from another bundle (the harness client) fails instanceof but carries its code.
    const like = error as Partial<BridgeviewError> | null
    if (like && typeof like === 'object' && isErrorCode(like.code) && typeof like.message === 'string') {
      return new BridgeviewError(like.code, like.message, like.detail)
    }
    const message = error instanceof Error ? error.message : String(error)
    const at = message.indexOf(MARK)
    if (at >= 0) {
      try {
        return BridgeviewError.fromData(JSON.parse(message.slice(at + MARK.length)) as ErrorData)
      } catch {
        // fall through: a malformed payload is reported as an internal error below
      }
    }
    return new BridgeviewError('INTERNAL', message)
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

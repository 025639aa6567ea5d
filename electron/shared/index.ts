export * from './types'
export * from './errors'
export * from './contract'
export * from './rpc'

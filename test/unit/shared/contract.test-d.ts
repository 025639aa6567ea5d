import { describe, expectTypeOf, it } from 'vitest'
import type * as v from 'valibot'
import type { Events, Invoke, InvokeArgs, InvokeResult } from '../../../electron/shared/contract'
import { invokeArgs } from '../../../electron/shared/contract'
import type { BridgeviewApi, Handlers } from '../../../electron/shared/rpc'
import type { EngineInfo, ExportRequest, Network, SavedFile, Topology, TopologyChange } from '../../../electron/shared/types'

describe('the contract', () => {
  it('gives each channel its argument and result types', () => {
    expectTypeOf<InvokeArgs<'networks:inspect'>>().toEqualTypeOf<[ref: string]>()
    expectTypeOf<InvokeResult<'networks:list'>>().toEqualTypeOf<Network[]>()
    expectTypeOf<InvokeResult<'topology:snapshot'>>().toEqualTypeOf<Topology>()
    expectTypeOf<InvokeArgs<'export:save'>>().toEqualTypeOf<[request: ExportRequest]>()
    expectTypeOf<Events['topology:changed']>().toEqualTypeOf<TopologyChange>()
  })

  it('validates exactly the parameters each channel declares', () => {
    expectTypeOf<v.InferOutput<(typeof invokeArgs)['networks:inspect']>>().toEqualTypeOf<[string]>()
    expectTypeOf<v.InferOutput<(typeof invokeArgs)['interfaces:watch']>>().toEqualTypeOf<[boolean]>()
    expectTypeOf<keyof typeof invokeArgs>().toEqualTypeOf<keyof Invoke>()
  })

  it('derives the renderer API and the main-side handlers from the same map', () => {
    expectTypeOf<BridgeviewApi['engine:info']>().toEqualTypeOf<() => Promise<EngineInfo>>()
    expectTypeOf<BridgeviewApi['export:save']>().parameters.toEqualTypeOf<[request: ExportRequest]>()
    expectTypeOf<ReturnType<BridgeviewApi['export:save']>>().toEqualTypeOf<Promise<SavedFile>>()
    expectTypeOf<keyof Handlers>().toEqualTypeOf<keyof Invoke>()
    expectTypeOf<Parameters<BridgeviewApi['on']>[0]>().toEqualTypeOf<keyof Events>()
  })
})

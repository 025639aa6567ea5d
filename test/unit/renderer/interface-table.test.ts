// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { CountersSample, InterfaceRate, Topology } from '../../../electron/shared/types'
import InterfaceTable from '../../../renderer/src/components/InterfaceTable.vue'
import { buildRows, COLUMN_KEYS, DEFAULT_COLUMNS, type ColumnKey, type RowFilter } from '../../../renderer/src/components/interface-rows'
import { useTopologyStore } from '../../../renderer/src/stores/topology'
import { CUSTOM_BRIDGE, fixtureTopology, IDS } from '../diagram/fixtures'
import { plugins } from './mount'

const ALL: RowFilter = { kind: 'all', query: '' }

function mountTable(options: { topology?: Topology; columns?: ColumnKey[]; filter?: RowFilter; samples?: CountersSample[] } = {}) {
  const { global } = plugins()
  const store = useTopologyStore()
  store.topology = options.topology ?? fixtureTopology()
  for (const sample of options.samples ?? []) store.applySample(sample)
  const rows = buildRows({
    interfaces: store.topology.interfaces,
    containersById: store.containersById,
    networksById: store.networksById,
    rates: store.rates,
    history: store.history,
  })
  const wrapper = mount(InterfaceTable, { props: { rows, columns: options.columns ?? DEFAULT_COLUMNS, filter: options.filter ?? ALL }, global })
  return { wrapper, store }
}

const names = (wrapper: ReturnType<typeof mountTable>['wrapper']): string[] =>
  wrapper.findAll('tbody tr[data-interface]').map((tr) => tr.attributes('data-interface') ?? '')

function rate(name: string, rxBytesPerSec: number, txBytesPerSec: number, rxBytes: number): InterfaceRate {
  return {
    name,
    rx: { packets: rxBytes / 100, bytes: rxBytes, errors: 0, dropped: 0, overruns: 0, frame: 0 },
    tx: { packets: 1, bytes: 1, errors: 0, dropped: 0, overruns: 0, carrier: 0, collisions: 0 },
    rxBytesPerSec,
    txBytesPerSec,
    rxPacketsPerSec: rxBytesPerSec / 100,
    txPacketsPerSec: txBytesPerSec / 100,
  }
}

describe('the interface table', () => {
  it('lists every interface, in ifconfig name order by default, with a row header and column headers', () => {
    const { wrapper } = mountTable()
    expect(names(wrapper)).toEqual(['br-c8e2f91a4b7d', 'docker0', 'eth0', 'lo', 'veth1a2b3c4', 'vethaa11bb2', 'vethcc33dd4', 'vethd4e5f60'])
    expect(wrapper.findAll('thead th[scope="col"]')).toHaveLength(DEFAULT_COLUMNS.length)
    expect(wrapper.findAll('tbody th[scope="row"]')).toHaveLength(8)
    expect(wrapper.find('thead th[data-column="name"]').attributes('aria-sort')).toBe('ascending')
  })

  it('sorts by a column when its header is pressed, and reverses on a second press', async () => {
    const { wrapper } = mountTable()
    await wrapper.find('th[data-column="mtu"] button').trigger('click')
    expect(wrapper.find('th[data-column="mtu"]').attributes('aria-sort')).toBe('ascending')
    expect(names(wrapper).at(-1)).toBe('lo')
    // Ties (every other interface has MTU 1500) keep ifconfig's name order, so the order does not flicker.
    expect(names(wrapper).slice(0, 3)).toEqual(['br-c8e2f91a4b7d', 'docker0', 'eth0'])
    await wrapper.find('th[data-column="mtu"] button').trigger('click')
    expect(wrapper.find('th[data-column="mtu"]').attributes('aria-sort')).toBe('descending')
    expect(names(wrapper)[0]).toBe('lo')

    await wrapper.find('th[data-column="ipv4"] button').trigger('click')
    // Numerically by address (172.17 before 172.18 before 192.168), rows without one last either way.
    expect(names(wrapper).slice(0, 4)).toEqual(['lo', 'docker0', CUSTOM_BRIDGE, 'eth0'])
    await wrapper.find('th[data-column="ipv4"] button').trigger('click')
    expect(names(wrapper).slice(0, 4)).toEqual(['eth0', CUSTOM_BRIDGE, 'docker0', 'lo'])
    expect(names(wrapper).at(-1)).toBe('vethd4e5f60')
  })

  it('sorts traffic columns busiest first', async () => {
    const sample: CountersSample = { takenAt: 1, interfaces: [rate('eth0', 500, 0, 1000), rate('vethd4e5f60', 9000, 0, 5000), rate('lo', 20, 0, 10)] }
    const { wrapper } = mountTable({ samples: [sample] })
    await wrapper.find('th[data-column="rxRate"] button').trigger('click')
    expect(wrapper.find('th[data-column="rxRate"]').attributes('aria-sort')).toBe('descending')
    expect(names(wrapper).slice(0, 3)).toEqual(['vethd4e5f60', 'eth0', 'lo'])
  })

  it('filters by text on the name, the container and the network, and by kind', async () => {
    const { wrapper } = mountTable({ filter: { kind: 'all', query: 'mysqlDB2' } })
    expect(names(wrapper)).toEqual(['vethd4e5f60'])
    await wrapper.setProps({ filter: { kind: 'all', query: 'CUSTOMBRIDGE' } })
    expect(names(wrapper)).toEqual([CUSTOM_BRIDGE, 'vethaa11bb2', 'vethd4e5f60'])
    await wrapper.setProps({ filter: { kind: 'veth', query: 'custombridge' } })
    expect(names(wrapper)).toEqual(['vethaa11bb2', 'vethd4e5f60'])
    await wrapper.setProps({ filter: { kind: 'bridge', query: '' } })
    expect(names(wrapper)).toEqual([CUSTOM_BRIDGE, 'docker0'])
    await wrapper.setProps({ filter: { kind: 'all', query: 'veth1a' } })
    expect(names(wrapper)).toEqual(['veth1a2b3c4'])
  })

  it('says nothing matches and offers to clear the filter', async () => {
    const { wrapper } = mountTable({ filter: { kind: 'all', query: 'no-such-thing' } })
    expect(names(wrapper)).toEqual([])
    expect(wrapper.find('tr.no-match').text()).toContain('no-such-thing')
    await wrapper.find('tr.no-match button').trigger('click')
    expect(wrapper.emitted('clearFilter')).toHaveLength(1)
  })

  it('shows the rates of the latest of two samples, the counters they carry, and a two-point sparkline', () => {
    const first: CountersSample = { takenAt: 1000, interfaces: [rate('eth0', 100, 50, 1000)] }
    const second: CountersSample = { takenAt: 2000, interfaces: [rate('eth0', 3 * 1024, 2048, 2_000_000)] }
    const { wrapper, store } = mountTable({ samples: [first, second], columns: [...DEFAULT_COLUMNS, 'rxBytes'] })
    expect(store.history.get('eth0')).toEqual([150, 5120])
    const row = wrapper.find('tr[data-interface="eth0"]')
    expect(row.find('[data-cell="rxRate"]').text()).toContain('3.0 KiB/s')
    expect(row.find('[data-cell="txRate"]').text()).toContain('2.0 KiB/s')
    expect(row.find('[data-cell="rxRate"]').text()).toContain('31 pkt/s')
    // The live counters replace the snapshot's, formatted like ifconfig's "(1.9 MiB)".
    expect(row.find('[data-cell="rxBytes"]').text()).toContain('2,000,000')
    expect(row.find('[data-cell="rxBytes"]').text()).toContain('1.9 MiB')
    const spark = row.find('[data-cell="activity"] svg')
    expect(spark.attributes('data-points')).toBe('2')
    expect(spark.attributes('aria-label')).toContain('5.0 KiB/s')
    // An interface absent from the samples shows zero, not a stale or made-up figure.
    expect(wrapper.find('tr[data-interface="lo"] [data-cell="rxRate"]').text()).toContain('0 B/s')
  })

  it('names the bridge, network and container of a veth, and goes to the container when its name is pressed', async () => {
    const { wrapper } = mountTable()
    const veth = wrapper.find('tr[data-interface="vethd4e5f60"]')
    expect(veth.attributes('data-bridge')).toBe(CUSTOM_BRIDGE)
    expect(veth.attributes('data-network')).toBe('custombridge')
    expect(veth.attributes('data-container')).toBe('mysqlDB2')
    const links = veth.find('[data-cell="links"]')
    expect(links.find('[data-rel="bridge"]').text()).toContain(CUSTOM_BRIDGE)
    expect(links.find('[data-rel="network"]').text()).toContain('custombridge')
    await links.find('[data-testid="veth-container"]').trigger('click')
    expect(wrapper.emitted('openContainer')).toEqual([[IDS.mysqlDB2]])
    // The click on the container does not also select the row.
    expect(wrapper.emitted('select')).toBeUndefined()
  })

  it('names the network a bridge carries', () => {
    const { wrapper } = mountTable()
    expect(wrapper.find('tr[data-interface="docker0"] [data-testid="bridge-network"]').text()).toBe('bridge')
  })

  it('says a veth whose container could not be proven is not proven, instead of guessing', () => {
    const topology = fixtureTopology()
    topology.interfaces = topology.interfaces.map((i) => (i.name === 'veth1a2b3c4' ? { ...i, container: null } : i))
    const { wrapper } = mountTable({ topology })
    const links = wrapper.find('tr[data-interface="veth1a2b3c4"] [data-rel="container"]')
    expect(links.find('[data-testid="veth-container"]').exists()).toBe(false)
    expect(links.text()).toContain('not proven')
  })

  it('selects a row with Enter and with a click, and rows are in the tab order', async () => {
    const { wrapper } = mountTable()
    const row = wrapper.find('tr[data-interface="eth0"]')
    expect(row.attributes('tabindex')).toBe('0')
    await row.trigger('keydown', { key: 'Enter' })
    await row.trigger('click')
    expect(wrapper.emitted('select')).toEqual([['eth0'], ['eth0']])
  })

  it('shows every column the chooser offers, each field of ifconfig', () => {
    const { wrapper } = mountTable({ columns: [...COLUMN_KEYS] })
    const lo = wrapper.find('tr[data-interface="lo"]')
    expect(lo.findAll('th, td')).toHaveLength(COLUMN_KEYS.length)
    expect(lo.find('[data-cell="flags"]').text()).toContain('73')
    expect(lo.find('[data-cell="flags"]').text()).toContain('LOOPBACK')
    expect(lo.find('[data-cell="mtu"]').text()).toBe('65536')
    expect(lo.find('[data-cell="netmask"]').text()).toBe('255.0.0.0')
    expect(lo.find('[data-cell="txqueuelen"]').text()).toBe('1000')
    expect(lo.find('[data-cell="txCollisions"]').text()).toBe('0')
  })
})

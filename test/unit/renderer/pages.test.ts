// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { Topology } from '../../../electron/shared/types'
import EngineProblem from '../../../renderer/src/components/EngineProblem.vue'
import ContainersPage from '../../../renderer/src/pages/ContainersPage.vue'
import InterfacesPage from '../../../renderer/src/pages/InterfacesPage.vue'
import NetworksPage from '../../../renderer/src/pages/NetworksPage.vue'
import { fixtureTopology, IDS } from '../diagram/fixtures'
import { installFakeDesktop, type FakeDesktop } from './fake-desktop'
import { plugins } from './mount'

let desktop: FakeDesktop | undefined
afterEach(() => desktop?.uninstall())

function withTopology(topology: Topology, extra: Parameters<typeof installFakeDesktop>[0] = {}): FakeDesktop {
  desktop = installFakeDesktop({ 'topology:snapshot': () => topology, 'interfaces:watch': () => undefined, ...extra })
  return desktop
}

describe('the Interfaces page', () => {
  it('watches the counters while it is shown, and only then', async () => {
    const d = withTopology(fixtureTopology())
    const { global } = plugins()
    const wrapper = mount(InterfacesPage, { props: { selection: null }, global })
    await flushPromises()
    expect(wrapper.findAll('tbody tr[data-interface]')).toHaveLength(8)
    expect(d.calls.filter((c) => c.channel === 'interfaces:watch').map((c) => c.args)).toEqual([[true]])
    d.emit('interfaces:counters', { takenAt: 1, interfaces: [{ name: 'eth0', rx: { packets: 1, bytes: 99, errors: 0, dropped: 0, overruns: 0, frame: 0 }, tx: { packets: 1, bytes: 1, errors: 0, dropped: 0, overruns: 0, carrier: 0, collisions: 0 }, rxBytesPerSec: 2048, txBytesPerSec: 0, rxPacketsPerSec: 2, txPacketsPerSec: 0 }] })
    await flushPromises()
    expect(wrapper.find('tr[data-interface="eth0"] [data-cell="rxRate"]').text()).toContain('2.0 KiB/s')
    wrapper.unmount()
    await flushPromises()
    expect(d.calls.filter((c) => c.channel === 'interfaces:watch').map((c) => c.args)).toEqual([[true], [false]])
  })

  it('opens a veth\'s container, and a selection from elsewhere opens that interface', async () => {
    withTopology(fixtureTopology())
    const { global } = plugins()
    const wrapper = mount(InterfacesPage, { props: { selection: { kind: 'interface', id: 'vethd4e5f60' } }, global, attachTo: document.body })
    await flushPromises()
    expect(wrapper.find('[data-testid="interface-details"]').attributes('data-interface')).toBe('vethd4e5f60')
    await wrapper.find('tr[data-interface="vethd4e5f60"] [data-testid="veth-container"]').trigger('click')
    expect(wrapper.emitted('navigate')).toEqual([['containers', { kind: 'container', id: IDS.mysqlDB2 }]])
    wrapper.unmount()
  })

  it('says when the host interfaces could not be read, and what to do', async () => {
    withTopology({ ...fixtureTopology(), interfaces: [], interfacesSource: 'unavailable', interfacesNote: 'The helper container could not start.' })
    const { global } = plugins()
    const wrapper = mount(InterfacesPage, { props: { selection: null }, global })
    await flushPromises()
    const empty = wrapper.find('[data-testid="empty-state"]')
    expect(empty.text()).toContain("could not be read")
    expect(empty.text()).toContain('The helper container could not start.')
    expect(empty.find('code').text()).toBe('busybox')
    wrapper.unmount()
  })
})

describe('the Containers page', () => {
  it('says there are no containers yet, and how to start one', async () => {
    withTopology({ ...fixtureTopology(), containers: [] })
    const { global } = plugins()
    const wrapper = mount(ContainersPage, { props: { selection: null }, global })
    await flushPromises()
    const empty = wrapper.find('[data-testid="empty-state"]')
    expect(empty.find('h2').text()).toBe('No containers yet')
    expect(empty.find('code').text()).toContain('docker run')
    expect(wrapper.find('[data-testid="containers-table"]').exists()).toBe(false)
  })

  it('opens the details of a row with Enter and asks for the environment only on request', async () => {
    const d = withTopology(fixtureTopology(), { 'containers:env': () => ['MYSQL_ROOT_PASSWORD=secret'] })
    const { global } = plugins()
    const wrapper = mount(ContainersPage, { props: { selection: null }, global, attachTo: document.body })
    await flushPromises()
    await wrapper.find('tr[data-container="mysqlDB"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(wrapper.find('[data-testid="container-details"]').attributes('data-container')).toBe('mysqlDB')
    expect(d.calls.some((c) => c.channel === 'containers:env')).toBe(false)
    await wrapper.find('[data-testid="env-show"]').trigger('click')
    await flushPromises()
    expect(d.calls.filter((c) => c.channel === 'containers:env').map((c) => c.args)).toEqual([[IDS.mysqlDB]])
    expect(wrapper.text()).toContain('secret')
    wrapper.unmount()
  })

  it('shows a load failure that is not an engine outage with its message and a retry', async () => {
    desktop = installFakeDesktop({}, { code: 'INTERNAL', message: 'snapshot exploded' })
    const { global } = plugins()
    const wrapper = mount(ContainersPage, { props: { selection: null }, global })
    await flushPromises()
    const problem = wrapper.find('[data-testid="engine-problem"]')
    expect(problem.attributes('data-code')).toBe('INTERNAL')
    expect(problem.text()).toContain('snapshot exploded')
  })
})

describe('the Networks page', () => {
  it('shows inspect details for the selected network, with its containers and the raw JSON', async () => {
    const topology = fixtureTopology()
    const custom = topology.networks.find((n) => n.name === 'custombridge')!
    withTopology(topology, { 'networks:inspect': () => ({ network: custom, raw: { Name: 'custombridge', Id: custom.id } }) })
    const { global } = plugins()
    const wrapper = mount(NetworksPage, { props: { selection: { kind: 'network', id: custom.id } }, global, attachTo: document.body })
    await flushPromises()
    const details = wrapper.find('[data-testid="network-details"]')
    expect(details.find('[data-testid="command"]').text()).toBe('docker network inspect custombridge')
    const rows = details.findAll('[data-testid="network-containers"] tbody tr')
    expect(rows.map((r) => [r.attributes('data-container'), r.attributes('data-ipv4'), r.attributes('data-mac')])).toEqual([
      ['bridgeapp', '172.18.0.3/16', '02:42:ac:12:00:03'],
      ['mysqlDB2', '172.18.0.2/16', '02:42:ac:12:00:02'],
    ])
    // busybox lives in mysqlDB2's namespace: on the network without an endpoint of its own.
    expect(details.find('[data-testid="network-sharer"]').text()).toContain('busybox')
    await details.find('[data-tab="raw"]').trigger('click')
    expect(JSON.parse(details.find('[data-testid="network-raw"]').text())).toEqual([{ Name: 'custombridge', Id: custom.id }])
    wrapper.unmount()
  })

  it('tells that host and none refuse connect and disconnect', async () => {
    const topology = fixtureTopology()
    withTopology(topology, { 'networks:inspect': () => ({ network: topology.networks[1], raw: {} }) })
    const { global } = plugins()
    const wrapper = mount(NetworksPage, { props: { selection: { kind: 'network', id: IDS.hostNet } }, global })
    await flushPromises()
    expect(wrapper.find('[data-testid="network-details"] [data-explain="connect-refused"]').exists()).toBe(true)
  })
})

describe('engine problems', () => {
  for (const [code, title, step] of [
    ['ENGINE_UNREACHABLE', 'cannot be reached', 'systemctl start docker'],
    ['PERMISSION_DENIED', 'Permission denied', 'usermod -aG docker'],
  ] as const) {
    it(`say what ${code} means and the next step, with what was tried`, async () => {
      const { global } = plugins()
      const wrapper = mount(EngineProblem, { props: { error: { code, message: 'connect EACCES /var/run/docker.sock', detail: { tried: ['unix:///var/run/docker.sock'] } } }, global })
      expect(wrapper.find('h1').text()).toContain(title)
      expect(wrapper.findAll('p code').map((c) => c.text()).join(' ')).toContain(step)
      expect(wrapper.find('.tried').text()).toContain('unix:///var/run/docker.sock')
      await wrapper.find('[data-testid="retry"]').trigger('click')
      expect(wrapper.emitted('retry')).toHaveLength(1)
    })
  }
})

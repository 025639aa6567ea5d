// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { Topology } from '../../../electron/shared/types'
import DiagramPage from '../../../renderer/src/pages/DiagramPage.vue'
import { useExplainStore } from '../../../renderer/src/stores/explain'
import { CUSTOM_BRIDGE, fixtureTopology, IDS } from '../diagram/fixtures'
import { installFakeDesktop, type FakeDesktop } from './fake-desktop'
import { plugins } from './mount'

let desktop: FakeDesktop | undefined
afterEach(() => desktop?.uninstall())

async function mountPage(topology: Topology, locale: 'en' | 'ko' = 'en', selection: { kind: string; id: string } | null = null) {
  desktop = installFakeDesktop({ 'topology:snapshot': () => topology })
  const { global } = plugins(locale)
  const wrapper = mount(DiagramPage, { props: { selection }, global, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('the Diagram page', () => {
  it('draws the topology from the store, with its toolbar', async () => {
    const wrapper = await mountPage(fixtureTopology({ extras: true }))
    expect(wrapper.find(`[data-node-id="container:${IDS.mysqlDB2}"]`).exists()).toBe(true)
    expect(wrapper.find('[data-testid="diagram-fit"]').exists()).toBe(true)
    const options = wrapper.findAll('[data-testid="diagram-network"] option').map((o) => o.text())
    expect(options).toEqual(expect.arrayContaining(['bridge', 'custombridge', 'host', 'none']))
    expect(wrapper.find('[data-testid="empty-state"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('opens a bridge’s details with its docker command, and its explanation', async () => {
    const wrapper = await mountPage(fixtureTopology())
    await wrapper.find(`[data-node-id="bridge:${IDS.customNet}"] rect`).trigger('click')
    const details = wrapper.find('[data-testid="diagram-details"]')
    expect(details.attributes('data-kind')).toBe('bridge')
    expect(details.find('h2').text()).toBe(CUSTOM_BRIDGE)
    expect(details.find('[data-testid="command"]').text()).toBe('docker network inspect custombridge')
    expect(useExplainStore().concept).toBe('user-defined-bridge')
    await details.find('[data-testid="diagram-open"]').trigger('click')
    expect(wrapper.emitted('navigate')).toEqual([['networks', { kind: 'network', id: IDS.customNet }]])
    wrapper.unmount()
  })

  it('explains a container sharing another’s stack as sharing, and links to its page', async () => {
    const wrapper = await mountPage(fixtureTopology())
    await wrapper.find(`[data-node-id="container:${IDS.sidecar}"] rect`).trigger('click')
    expect(useExplainStore().concept).toBe('container-sharing')
    const details = wrapper.find('[data-testid="diagram-details"]')
    expect(details.find('[data-testid="command"]').text()).toMatch(/^docker inspect /)
    await details.find('[data-testid="diagram-open"]').trigger('click')
    expect(wrapper.emitted('navigate')).toEqual([['containers', { kind: 'container', id: IDS.sidecar }]])
    wrapper.unmount()
  })

  it('counts search matches and shows the selection made on another page', async () => {
    const wrapper = await mountPage(fixtureTopology(), 'en', { kind: 'container', id: IDS.mysqlDB })
    expect(wrapper.find('[data-testid="diagram-details"]').attributes('data-node')).toBe(`container:${IDS.mysqlDB}`)
    expect(wrapper.find('[data-layer="selection"]').attributes('data-selected')).toBe(`container:${IDS.mysqlDB}`)
    await wrapper.find('[data-testid="diagram-search"]').setValue('mysql')
    await new Promise((resolve) => setTimeout(resolve, 200))
    await flushPromises()
    expect(Number(wrapper.find('[data-testid="diagram-matches"]').attributes('data-count'))).toBeGreaterThanOrEqual(2)
    wrapper.unmount()
  })

  it('says when there are no containers yet, and still draws the host and its bridges', async () => {
    const wrapper = await mountPage({ ...fixtureTopology(), containers: [] }, 'ko')
    expect(wrapper.find('[data-testid="empty-state"] h2').text()).toBe('아직 컨테이너가 없습니다')
    expect(wrapper.find(`[data-node-id="bridge:${IDS.bridgeNet}"]`).exists()).toBe(true)
    // The diagram speaks Korean too.
    expect(wrapper.find('[data-node-id="outside"]').text()).toContain('외부 세계')
    wrapper.unmount()
  })
})

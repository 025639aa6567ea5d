// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ExplainButton from '../../../renderer/src/components/ExplainButton.vue'
import ExplainPanel from '../../../renderer/src/components/ExplainPanel.vue'
import { conceptForContainer, conceptForInterface, conceptForNetwork, explanation } from '../../../renderer/src/explain'
import { useExplainStore } from '../../../renderer/src/stores/explain'
import { fixtureTopology } from '../diagram/fixtures'
import { plugins } from './mount'

describe('explanations', () => {
  it('open from a "?" button by concept key, into the store any view can use', async () => {
    const { global } = plugins()
    const wrapper = mount(ExplainButton, { props: { concept: 'veth' }, global })
    const button = wrapper.find('button')
    expect(button.attributes('aria-label')).toBe('Explain: A veth pair')
    expect(button.text()).toBe('?')
    await button.trigger('click')
    expect(useExplainStore().concept).toBe('veth')
    expect(button.attributes('aria-expanded')).toBe('true')
  })

  it('show a title, the text, commands to try and related concepts, in the language in force', async () => {
    const { global } = plugins('ko')
    const wrapper = mount(ExplainPanel, { props: { concept: 'user-defined-bridge' }, global, attachTo: document.body })
    expect(wrapper.find('h2').text()).toBe('사용자 정의 브리지')
    expect(wrapper.text()).toContain('127.0.0.11')
    expect(wrapper.findAll('aside > p').length).toBe(explanation('user-defined-bridge', 'ko').body.length)
    expect(wrapper.find('pre.commands').text()).toContain('docker network create custombridge')
    // Backticked names render as code.
    expect(wrapper.findAll('p code').map((c) => c.text())).toContain('docker network create')
    await wrapper.find('[data-related="driver-bridge"]').trigger('click')
    expect(wrapper.emitted('open')).toEqual([['driver-bridge']])
    await wrapper.trigger('keydown', { key: 'Escape' })
    expect(wrapper.emitted('close')).toHaveLength(1)
    wrapper.unmount()
  })

  it('say what each kind of interface, network and container is', () => {
    const t = fixtureTopology()
    const kinds = Object.fromEntries(t.interfaces.map((i) => [i.name, conceptForInterface(i)]))
    expect(kinds).toMatchObject({ lo: 'loopback', eth0: 'host-nic', docker0: 'docker0', 'br-c8e2f91a4b7d': 'user-bridge-iface', veth1a2b3c4: 'veth' })
    expect(Object.fromEntries(t.networks.map((n) => [n.name, conceptForNetwork(n)]))).toEqual({
      bridge: 'driver-bridge',
      host: 'driver-host',
      none: 'driver-none',
      custombridge: 'user-defined-bridge',
    })
    expect(Object.fromEntries(t.containers.map((c) => [c.name, conceptForContainer(c)]))).toMatchObject({
      mysqlDB: 'driver-bridge',
      busybox: 'container-sharing',
      webhost: 'driver-host',
      sandbox: 'driver-none',
    })
  })
})

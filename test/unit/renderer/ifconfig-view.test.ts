// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatIfconfig } from '../../../electron/services/host/ifconfig'
import IfconfigView from '../../../renderer/src/components/IfconfigView.vue'
import { fixtureTopology } from '../diagram/fixtures'
import { plugins } from './mount'

afterEach(() => vi.unstubAllGlobals())

describe('the ifconfig view', () => {
  it('shows exactly what the shared formatter prints for ifconfig -a, and for one interface', async () => {
    const { global } = plugins()
    const interfaces = fixtureTopology().interfaces
    const wrapper = mount(IfconfigView, { props: { interfaces }, global })
    expect(wrapper.find('[data-testid="ifconfig-text"]').element.textContent).toBe(formatIfconfig(interfaces))
    expect(wrapper.find('[data-testid="command"]').text()).toBe('ifconfig -a')
    await wrapper.find('[data-testid="ifconfig-select"]').setValue('docker0')
    expect(wrapper.find('[data-testid="ifconfig-text"]').element.textContent).toBe(formatIfconfig(interfaces, 'docker0'))
    expect(wrapper.find('[data-testid="ifconfig-text"]').text()).toContain('inet 172.17.0.1  netmask 255.255.0.0')
    expect(wrapper.find('[data-testid="command"]').text()).toBe('ifconfig docker0')
  })

  it('copies the text to the clipboard', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const { global } = plugins()
    const interfaces = fixtureTopology().interfaces
    const wrapper = mount(IfconfigView, { props: { interfaces }, global })
    await wrapper.find('.toolbar [data-testid="copy"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(formatIfconfig(interfaces))
    expect(wrapper.find('.toolbar .copy-status').attributes('data-status')).toBe('copied')
  })

  it('falls back to selecting the text when the clipboard refuses, and says how to copy', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) } })
    const { global } = plugins()
    const wrapper = mount(IfconfigView, { props: { interfaces: fixtureTopology().interfaces }, global, attachTo: document.body })
    await wrapper.find('.toolbar [data-testid="copy"]').trigger('click')
    await flushPromises()
    const status = wrapper.find('.toolbar .copy-status')
    expect(['copied', 'manual']).toContain(status.attributes('data-status'))
    if (status.attributes('data-status') === 'manual') expect(status.text()).toContain('Ctrl+C')
    expect(globalThis.getSelection()?.toString()).toContain('docker0: flags=4163')
    wrapper.unmount()
  })
})

describe('live ifconfig text under a selection', () => {
  it('holds still while the reader selects in it, and moves on once the selection is gone', async () => {
    const { global } = plugins()
    const interfaces = fixtureTopology().interfaces
    const wrapper = mount(IfconfigView, { props: { interfaces, name: 'eth0' }, global, attachTo: document.body })
    const pre = wrapper.find('[data-testid="ifconfig-text"]')
    const before = pre.element.textContent
    const range = document.createRange()
    range.selectNodeContents(pre.element)
    document.getSelection()!.removeAllRanges()
    document.getSelection()!.addRange(range)
    document.dispatchEvent(new Event('selectionchange'))
    const busier = interfaces.map((i) => (i.name === 'eth0' ? { ...i, rx: { ...i.rx, packets: 4242, bytes: 999_999 } } : i))
    await wrapper.setProps({ interfaces: busier })
    expect(pre.element.textContent).toBe(before)
    document.getSelection()!.removeAllRanges()
    document.dispatchEvent(new Event('selectionchange'))
    await wrapper.vm.$nextTick()
    expect(pre.element.textContent).toContain('RX packets 4242  bytes 999999')
    wrapper.unmount()
  })
})

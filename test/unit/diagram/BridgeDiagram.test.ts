// @vitest-environment happy-dom
import { mount, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import BridgeDiagram from '../../../renderer/src/diagram/BridgeDiagram.vue'
import { layoutTopology } from '../../../renderer/src/diagram/layout'
import { diagramLayers, diagramTree, toSvgString } from '../../../renderer/src/diagram/markup'
import { IDS, fixtureTopology, generatedTopology } from './fixtures'
import { xmlProblems } from './xml'

type Exposed = { exportSvg: (o: { whole: boolean; theme?: 'light' | 'dark' | 'transparent' }) => string; fit: () => void }

function mountDiagram(props: Record<string, unknown> = {}): VueWrapper {
  return mount(BridgeDiagram, { props: { topology: fixtureTopology({ extras: true }), ...props }, attachTo: document.body })
}

describe('BridgeDiagram', () => {
  it('renders a box for every container, bridge and veth of the layout', () => {
    const wrapper = mountDiagram()
    const layout = layoutTopology(fixtureTopology({ extras: true }))
    const drawn = wrapper.findAll('[data-node-id]').map((w) => w.attributes('data-node-id'))
    expect(drawn.sort()).toEqual(layout.nodes.map((n) => n.id).sort())
    expect(wrapper.text()).toContain('mysqlDB2')
    expect(wrapper.text()).toContain('docker0')
    wrapper.unmount()
  })

  it('renders on screen the same markup the export serialises', () => {
    const wrapper = mountDiagram()
    const layout = layoutTopology(fixtureTopology({ extras: true }))
    const layers = diagramLayers(layout, { theme: 'light', detail: 'full' })
    const nodesLayer = layers.find((l) => l.attrs['data-layer'] === 'nodes')!
    const first = nodesLayer.children[0]
    const el = wrapper.find(`[data-node-id="${first.attrs['data-node-id']}"]`)
    expect(el.findAll('text').map((t) => t.text())).toEqual(first.children.filter((c) => c.tag === 'text').map((c) => c.text))
    expect(el.find('rect').attributes('fill')).toBe(String(first.children[0].attrs.fill))
    wrapper.unmount()
  })

  it('emits select with the node id and kind when a box is clicked, and null on the background', async () => {
    const wrapper = mountDiagram()
    await wrapper.find(`[data-node-id="container:${IDS.mysqlDB}"] rect`).trigger('click')
    await wrapper.find(`[data-node-id="bridge:${IDS.customNet}"] text`).trigger('click')
    await wrapper.find('svg').trigger('click')
    expect(wrapper.emitted('select')).toEqual([
      [{ id: `container:${IDS.mysqlDB}`, kind: 'container', containerId: IDS.mysqlDB }],
      [{ id: `bridge:${IDS.customNet}`, kind: 'bridge', networkId: IDS.customNet, interfaceName: 'br-c8e2f91a4b7d' }],
      [null],
    ])
    wrapper.unmount()
  })

  it('highlights a container’s way out while the pointer is over it', async () => {
    const wrapper = mountDiagram()
    expect(wrapper.find('[data-layer="highlight"]').exists()).toBe(false)
    await wrapper.find(`[data-node-id="container:${IDS.mysqlDB}"] rect`).trigger('pointerover')
    const keys = wrapper.find('[data-layer="highlight"]').findAll('*').length
    expect(keys).toBeGreaterThanOrEqual(8)
    await wrapper.find('svg').trigger('pointerleave')
    expect(wrapper.find('[data-layer="highlight"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('exports the whole diagram as the same self-contained SVG the exporter makes', () => {
    const wrapper = mountDiagram({ theme: 'dark' })
    const exposed = wrapper.vm as unknown as Exposed
    const svg = exposed.exportSvg({ whole: true })
    expect(xmlProblems(svg)).toEqual([])
    expect(svg).toBe(toSvgString(diagramTree(layoutTopology(fixtureTopology({ extras: true })), { theme: 'dark', detail: 'full' })))
    expect(exposed.exportSvg({ whole: true, theme: 'transparent' })).not.toContain('#0d1117')
    wrapper.unmount()
  })

  it('exports the current view at the view’s pixel size', () => {
    const wrapper = mountDiagram()
    const svg = (wrapper.vm as unknown as Exposed).exportSvg({ whole: false })
    expect(xmlProblems(svg)).toEqual([])
    expect(svg).toMatch(/^<svg[^>]* width="\d+" height="\d+" viewBox="[-\d. ]+"/)
    wrapper.unmount()
  })

  it('redraws when the topology changes, keeping the elements of nodes that stayed and fading out the others', async () => {
    const wrapper = mountDiagram()
    const topology = fixtureTopology({ extras: true })
    topology.containers = topology.containers.filter((c) => c.id !== IDS.mystery)
    const before = wrapper.find(`[data-node-id="container:${IDS.mysqlDB}"]`).element
    await wrapper.setProps({ topology })
    await nextTick()
    expect(wrapper.find(`[data-node-id="container:${IDS.mysqlDB}"]`).element).toBe(before)
    expect(wrapper.find(`[data-layer="nodes"] [data-node-id="container:${IDS.mystery}"]`).exists()).toBe(false)
    expect(wrapper.find(`.bv-diagram__leaving [data-node-id="container:${IDS.mystery}"]`).exists()).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 450))
    expect(wrapper.find('.bv-diagram__leaving').exists()).toBe(false)
    wrapper.unmount()
  })

  it('filters to one network and marks search matches', async () => {
    const wrapper = mountDiagram({ filterNetwork: 'custombridge', search: 'busybox' })
    const ids = wrapper.findAll('[data-layer="nodes"] [data-node-id]').map((w) => w.attributes('data-node-id'))
    expect(ids).not.toContain(`container:${IDS.mysqlDB}`)
    expect(ids).toContain(`container:${IDS.sidecar}`)
    expect(wrapper.find(`[data-node-id="container:${IDS.mysqlDB2}"]`).attributes('opacity')).toBe('0.45')
    expect(wrapper.find(`[data-node-id="container:${IDS.sidecar}"]`).attributes('opacity')).toBeUndefined()
    wrapper.unmount()
  })

  it('renders only what is near the view for a very large diagram', async () => {
    const topology = generatedTopology(900, 6)
    const wrapper = mount(BridgeDiagram, { props: { topology }, attachTo: document.body })
    const count = () => wrapper.findAll('[data-layer="nodes"] > [data-node-id]').length
    const total = layoutTopology(topology).nodes.length
    expect(count()).toBeGreaterThan(0)
    ;(wrapper.vm as unknown as { focus: (id: string, k: number) => boolean }).focus(`container:${topology.containers[450].id}`, 1)
    await nextTick()
    expect(count()).toBeGreaterThan(0)
    expect(count()).toBeLessThan(total / 4)
    wrapper.unmount()
  }, 30_000)
})

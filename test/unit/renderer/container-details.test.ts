// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import ContainerDetails from '../../../renderer/src/components/ContainerDetails.vue'
import { fixtureTopology, IDS } from '../diagram/fixtures'
import { plugins } from './mount'

function mountDetails(id: string, loadEnv = vi.fn(async () => ['MYSQL_ROOT_PASSWORD=hunter2', 'PATH=/usr/bin'])) {
  const { global } = plugins()
  const t = fixtureTopology()
  const containersById = new Map(t.containers.map((c) => [c.id, c]))
  const networksById = new Map(t.networks.map((n) => [n.id, n]))
  const container = containersById.get(id)!
  const wrapper = mount(ContainerDetails, { props: { container, containers: t.containers, containersById, networksById, loadEnv }, global })
  return { wrapper, loadEnv }
}

describe('container details', () => {
  it("say whose network stack a container shares, and who shares a container's stack", () => {
    const sharer = mountDetails(IDS.sidecar).wrapper
    const shares = sharer.find('[data-sharing="shares"]')
    expect(shares.text()).toBe("Shares mysqlDB2's network stack")
    expect(shares.attributes('data-owner')).toBe('mysqlDB2')
    expect(sharer.find('[data-sharing="shared-by"]').exists()).toBe(false)

    const owner = mountDetails(IDS.mysqlDB2).wrapper
    expect(owner.find('[data-sharing="shares"]').exists()).toBe(false)
    const sharedBy = owner.find('[data-sharing="shared-by"]')
    expect(sharedBy.text()).toBe('Shared by: busybox')
  })

  it('goes to the owner when its name is pressed', async () => {
    const { wrapper } = mountDetails(IDS.sidecar)
    await wrapper.find('[data-sharing="shares"] button').trigger('click')
    expect(wrapper.emitted('openContainer')).toEqual([[IDS.mysqlDB2]])
  })

  it('lists every endpoint with its host veth and bridge', () => {
    const { wrapper } = mountDetails(IDS.bridgeapp)
    const rows = wrapper.findAll('[data-testid="container-endpoints"] tbody tr')
    expect(rows.map((r) => [r.attributes('data-network'), r.attributes('data-veth')])).toEqual([
      ['bridge', 'vethcc33dd4'],
      ['custombridge', 'vethaa11bb2'],
    ])
    expect(rows[0].text()).toContain('docker0')
    expect(rows[0].text()).toContain('172.17.0.3/16')
    expect(rows[0].text()).toContain('02:42:ac:11:00:03')
  })

  it('explains that host mode has no veth and that connect is refused', () => {
    const { wrapper } = mountDetails(IDS.webhost)
    expect(wrapper.text()).toContain("uses the host's interfaces directly")
    expect(wrapper.find('[data-explain="connect-refused"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="container-endpoints"]').exists()).toBe(false)
  })

  it('lists published ports the way docker ps does', () => {
    const { wrapper } = mountDetails(IDS.mysqlDB)
    expect(wrapper.findAll('[data-testid="container-ports"] li').map((li) => li.text())).toEqual(['0.0.0.0:3306->3306/tcp', ':::3306->3306/tcp'])
  })

  it('keeps environment variables hidden until asked, warns about passwords, and hides them again', async () => {
    const { wrapper, loadEnv } = mountDetails(IDS.mysqlDB)
    const env = wrapper.find('[data-testid="container-env"]')
    expect(env.attributes('data-state')).toBe('hidden')
    expect(env.text()).toContain('passwords')
    expect(wrapper.text()).not.toContain('hunter2')
    expect(loadEnv).not.toHaveBeenCalled()

    await wrapper.find('[data-testid="env-show"]').trigger('click')
    await flushPromises()
    expect(loadEnv).toHaveBeenCalledWith(IDS.mysqlDB)
    expect(wrapper.find('[data-testid="env-table"]').text()).toContain('MYSQL_ROOT_PASSWORD')
    expect(wrapper.text()).toContain('hunter2')

    await wrapper.find('[data-testid="env-hide"]').trigger('click')
    expect(wrapper.text()).not.toContain('hunter2')
  })

  it('forgets shown environment variables when another container is shown', async () => {
    const { wrapper } = mountDetails(IDS.mysqlDB)
    await wrapper.find('[data-testid="env-show"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('hunter2')
    const t = fixtureTopology()
    await wrapper.setProps({ container: t.containers.find((c) => c.id === IDS.mysqlDB2)! })
    expect(wrapper.find('[data-testid="container-env"]').attributes('data-state')).toBe('hidden')
    expect(wrapper.text()).not.toContain('hunter2')
  })

  it('says when the environment could not be read', async () => {
    const { wrapper } = mountDetails(IDS.mysqlDB, vi.fn(async () => Promise.reject(new Error('no such container'))))
    await wrapper.find('[data-testid="env-show"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toContain('no such container')
  })
})

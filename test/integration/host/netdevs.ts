/**
 * Network devices a test creates on this machine (root only) and always deletes again:
 * a bridge kept down (its counters never move), an up bridge with an address, a veth pair
 * whose peer sits in a namespace of the test's own, and a tun device. Names carry the pid,
 * stay under 15 characters, and are removed in `remove()` whatever happened.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)
const ip = async (...args: string[]): Promise<string> => (await run('ip', args, { encoding: 'utf8' })).stdout

export const canCreateDevices = process.platform === 'linux' && process.getuid?.() === 0

export interface TestDevices {
  netns: string
  /** Bridge that stays down: no traffic, stable counters. */
  quietBridge: string
  /** Bridge that is up, with an IPv4 address and the host end of the veth as port. */
  bridge: string
  /** Host end of the veth pair. */
  veth: string
  /** The peer, inside {@link netns}. */
  peer: string
  tun: string
  remove(): Promise<void>
}

export async function createTestDevices(tag: string): Promise<TestDevices> {
  const id = `${tag}${process.pid % 100000}`
  const d = {
    netns: `bvtest-${process.pid}-${tag}`,
    quietBridge: `${id}q`,
    bridge: `${id}b`,
    veth: `${id}v`,
    peer: `${id}p`,
    tun: `${id}t`,
  }
  const remove = async (): Promise<void> => {
    for (const dev of [d.veth, d.bridge, d.quietBridge, d.tun]) await ip('link', 'del', dev).catch(() => undefined)
    await ip('netns', 'del', d.netns).catch(() => undefined)
  }
  try {
    await ip('netns', 'add', d.netns)
    await ip('link', 'add', d.quietBridge, 'type', 'bridge')
    await ip('link', 'add', d.bridge, 'type', 'bridge')
    await ip('link', 'add', d.veth, 'type', 'veth', 'peer', 'name', d.peer)
    await ip('link', 'set', d.peer, 'netns', d.netns)
    await ip('link', 'set', d.veth, 'master', d.bridge)
    await ip('addr', 'add', '10.233.0.1/24', 'brd', '+', 'dev', d.bridge)
    await ip('link', 'set', d.bridge, 'up')
    await ip('link', 'set', d.veth, 'up')
    await ip('-n', d.netns, 'link', 'set', d.peer, 'up')
    await ip('tuntap', 'add', 'dev', d.tun, 'mode', 'tun')
    return { ...d, remove }
  } catch (error) {
    await remove()
    throw error
  }
}

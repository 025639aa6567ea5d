import { describe, expect, it } from 'vitest'
import { candidateFromHost, chooseCandidate, engineCandidates } from '../../../electron/services/engine/discovery'
import { engineError } from '../../../electron/services/engine/engine'

describe('engine discovery', () => {
  it('tries only DOCKER_HOST when it is set', () => {
    const c = engineCandidates({ env: { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, platform: 'linux', home: '/home/u' })
    expect(c.map((x) => x.endpoint)).toEqual(['unix:///run/user/1000/docker.sock'])
    expect(c[0].options).toEqual({ socketPath: '/run/user/1000/docker.sock' })
  })

  it('lets --host win over DOCKER_HOST', () => {
    const c = engineCandidates({ host: 'tcp://127.0.0.1:2375', env: { DOCKER_HOST: 'unix:///x.sock' } })
    expect(c.map((x) => x.endpoint)).toEqual(['tcp://127.0.0.1:2375'])
    expect(c[0].options).toEqual({ protocol: 'http', host: '127.0.0.1', port: 2375 })
  })

  it('lists the default Linux socket first, then rootless, Docker Desktop and Podman', () => {
    const c = engineCandidates({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, platform: 'linux', home: '/home/u' }).map((x) => x.endpoint)
    expect(c[0]).toBe('unix:///var/run/docker.sock')
    expect(c).toContain('unix:///run/user/1000/docker.sock')
    expect(c).toContain('unix:///home/u/.docker/desktop/docker.sock')
    expect(c).toContain('unix:///run/user/1000/podman/podman.sock')
  })

  it('uses the docker_engine pipe on Windows', () => {
    expect(engineCandidates({ env: {}, platform: 'win32' })[0].options).toEqual({ socketPath: '\\\\.\\pipe\\docker_engine' })
  })

  it('rejects an address it cannot use with INVALID_ARGUMENT', () => {
    expect(() => candidateFromHost('ftp://x')).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })

  it('says PERMISSION_DENIED with the fix when the only socket found cannot be opened', async () => {
    const candidates = engineCandidates({ env: {}, platform: 'linux', home: '/home/u' })
    const error = await chooseCandidate(candidates, async (p) => (p === '/var/run/docker.sock' ? 'denied' : 'absent')).catch((e) => e)
    expect(error.code).toBe('PERMISSION_DENIED')
    expect(error.message).toContain('usermod -aG docker')
  })

  it('prefers an accessible socket over a denied one', async () => {
    const candidates = engineCandidates({ env: {}, platform: 'linux', home: '/home/u' })
    const chosen = await chooseCandidate(candidates, async (p) =>
      p === '/var/run/docker.sock' ? 'denied' : p === '/home/u/.docker/desktop/docker.sock' ? 'accessible' : 'absent',
    )
    expect(chosen.endpoint).toBe('unix:///home/u/.docker/desktop/docker.sock')
  })

  it('says ENGINE_UNREACHABLE listing every socket it tried when none exists', async () => {
    const candidates = engineCandidates({ env: {}, platform: 'linux', home: '/home/u' })
    const error = await chooseCandidate(candidates, async () => 'absent').catch((e) => e)
    expect(error.code).toBe('ENGINE_UNREACHABLE')
    expect(error.detail.tried).toEqual(candidates.map((c) => c.endpoint))
  })

  it('maps socket errors to codes: EACCES is PERMISSION_DENIED, ECONNREFUSED is ENGINE_UNREACHABLE', () => {
    expect(engineError(Object.assign(new Error('x'), { code: 'EACCES' }), 'unix:///s').code).toBe('PERMISSION_DENIED')
    expect(engineError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'unix:///s').code).toBe('ENGINE_UNREACHABLE')
    expect(engineError(Object.assign(new Error('no such network'), { statusCode: 404 }), 'unix:///s').code).toBe('NOT_FOUND')
  })
})

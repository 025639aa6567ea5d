/**
 * A long-lived `ip -j -d -batch -` for hosts that read interfaces often (the app, the
 * harness). Forking a process the size of Electron's main blocks its event loop for
 * milliseconds on every read; one resident iproute2 answers each fixed query in a single
 * JSON line instead. Queries are constants of this module, never user input.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'

export const ADDR_QUERY = 'addr show'

export class IpBatch {
  private child: ChildProcessWithoutNullStreams | null = null
  private buffer = ''
  private waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = []

  constructor(private readonly timeoutMs = 10_000) {}

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn('ip', ['-j', '-d', '-batch', '-'], { env: { ...process.env, LC_ALL: 'C' }, stdio: 'pipe' })
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk
      let newline = this.buffer.indexOf('\n')
      while (newline >= 0) {
        const line = this.buffer.slice(0, newline)
        this.buffer = this.buffer.slice(newline + 1)
        this.waiting.shift()?.resolve(line)
        newline = this.buffer.indexOf('\n')
      }
    })
    const fail = (error: Error): void => {
      if (this.child === child) this.child = null
      this.buffer = ''
      for (const w of this.waiting.splice(0)) w.reject(error)
    }
    child.on('error', fail)
    child.on('exit', (code) => fail(new Error(`ip -batch exited with ${code}`)))
    // A resident helper must not keep a CLI or test process alive.
    child.unref()
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.()
    this.child = child
    return child
  }

  /** Runs one of the module's fixed queries and resolves with its JSON line. */
  query(command: typeof ADDR_QUERY): Promise<string> {
    const child = this.child ?? this.start()
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`ip -batch did not answer "${command}" within ${this.timeoutMs} ms`))
        this.close()
      }, this.timeoutMs)
      this.waiting.push({
        resolve: (line) => {
          clearTimeout(timer)
          resolve(line)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      child.stdin.write(`${command}\n`)
    })
  }

  close(): void {
    const child = this.child
    this.child = null
    child?.stdin.end()
    child?.kill()
  }
}

/**
 * Follows the kernel's link and address notifications (`ip -o monitor link address`), so a
 * reader can keep its last interface reading for as long as nothing changed: the kernel
 * announces every interface added, removed, renamed, brought up or down, re-addressed or
 * re-parented. Counters are not announced; readers refresh them separately.
 */
export class IpMonitor {
  private child: ChildProcessWithoutNullStreams | null = null
  /** Bumped on every notification; a reading made at generation g is current while it stays g. */
  generation = 0
  private alive = false
  private subscribed = false

  /** Starts watching; false when `ip monitor` cannot run here (then nothing may be reused). */
  start(): boolean {
    if (this.child) return this.alive
    const child = spawn('ip', ['-o', 'monitor', 'link', 'address'], { env: { ...process.env, LC_ALL: 'C' }, stdio: 'pipe' })
    this.child = child
    this.alive = true
    child.stdout.on('data', () => {
      this.generation += 1
    })
    const dead = (): void => {
      this.alive = false
      this.generation += 1
    }
    child.on('error', dead)
    child.on('exit', dead)
    // iproute2 subscribes right after it starts; until then a change could go unannounced.
    child.on('spawn', () => setTimeout(() => (this.subscribed = this.alive), 200).unref())
    child.unref()
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.()
    return true
  }

  /** Whether notifications are flowing, so a reading taken now stays current until the next one. */
  get watching(): boolean {
    return this.alive && this.subscribed
  }

  close(): void {
    this.alive = false
    this.subscribed = false
    this.child?.kill()
    this.child = null
  }
}

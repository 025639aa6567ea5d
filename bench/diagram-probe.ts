/**
 * In-page timing helpers for bench/diagram.ts, bundled and evaluated in the page (which
 * bypasses the page's CSP, as DevTools does). All times are performance.now() of the
 * page unless said otherwise.
 */

interface FrameTimes {
  /** The requestAnimationFrame callback of the first frame that shows it. */
  raf: number
  /** The first task after that frame was produced (style, layout, paint done). */
  painted: number
}

export interface FrameStats {
  /** Per frame: from the rAF callback that fed the input to the end of that frame's work. */
  work: number[]
  /** Between consecutive rAF callbacks. */
  interval: number[]
}

function afterPaint(): Promise<number> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve(performance.now())
    channel.port2.postMessage(0)
  })
}

/** The next frame after now: its rAF time and the moment it was painted. */
function nextFrame(): Promise<FrameTimes> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const raf = performance.now()
      void afterPaint().then((painted) => resolve({ raf, painted }))
    })
  })
}

/** Resolves on the first DOM change after which `test()` holds (checked at once too). */
function whenTrue<T>(test: () => T | null | undefined | false): Promise<T> {
  return new Promise((resolve) => {
    const now = test()
    if (now) {
      resolve(now)
      return
    }
    const observer = new MutationObserver(() => {
      const value = test()
      if (!value) return
      observer.disconnect()
      resolve(value)
    })
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true })
  })
}

/** The diagram's viewport: it takes the pointer and d3-zoom. */
const diagramView = (): HTMLElement | null => document.querySelector<HTMLElement>('[data-testid="diagram-area"] .bv-diagram__canvas')

export const probe = {
  /** Times the first frame showing `selector`, counted from `start()` (which returns its own performance.now()). */
  async firstFrame(selector: string, start: () => number): Promise<{ raf: number; painted: number; nodes: number }> {
    const drawn = whenTrue(() => document.querySelector(selector)).then(nextFrame)
    const t0 = start()
    const frame = await drawn
    const svgBoxes = document.querySelectorAll('[data-layer="nodes"] > [data-node-id]').length
    const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-drawn]')
    const painted = canvas && canvas.style.display !== 'none' ? Number(canvas.dataset.drawn) : 0
    return { raf: frame.raf - t0, painted: frame.painted - t0, nodes: svgBoxes + painted }
  },

  /** Feeds `step(i)` in `count` consecutive frames and times each frame. */
  async frames(count: number, step: (i: number) => void): Promise<FrameStats> {
    const work: number[] = []
    const interval: number[] = []
    let last = 0
    const pending: Array<Promise<void>> = []
    await new Promise<void>((done) => {
      let i = 0
      const tick = (): void => {
        const start = performance.now()
        if (last) interval.push(start - last)
        last = start
        step(i)
        pending.push(afterPaint().then((end) => void work.push(end - start)))
        i++
        if (i < count) requestAnimationFrame(tick)
        else done()
      }
      requestAnimationFrame(tick)
    })
    await Promise.all(pending)
    return { work, interval }
  },

  /** Zooms with the mouse wheel over the middle of the diagram, `count` frames, one wheel event each. */
  wheel(count: number, deltaY: number): Promise<FrameStats> {
    const view = diagramView()!
    const box = view.getBoundingClientRect()
    const at = { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 }
    return probe.frames(count, () => {
      view.dispatchEvent(new WheelEvent('wheel', { ...at, deltaY, deltaMode: 0, bubbles: true, cancelable: true, view: window }))
    })
  },

  /** Drags the diagram by (dx, dy) per frame for `count` frames, as a mouse would. */
  async drag(count: number, dx: number, dy: number): Promise<FrameStats> {
    const view = diagramView()!
    const box = view.getBoundingClientRect()
    let x = box.x + box.width / 2
    let y = box.y + box.height / 2
    const init = (): MouseEventInit => ({ clientX: x, clientY: y, button: 0, bubbles: true, cancelable: true, view: window })
    view.dispatchEvent(new MouseEvent('mousedown', init()))
    const stats = await probe.frames(count, (i) => {
      const sign = Math.floor(i / 20) % 2 === 0 ? 1 : -1
      x += dx * sign
      y += dy * sign
      window.dispatchEvent(new MouseEvent('mousemove', init()))
    })
    window.dispatchEvent(new MouseEvent('mouseup', init()))
    return stats
  },

  /**
   * The longest animation frame (Long Animation Frames API: only frames over 50 ms are
   * reported) in the next `ms` milliseconds; 0 when none was that long.
   */
  longestFrame(ms: number): Promise<number> {
    return new Promise((resolve) => {
      let longest = 0
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration)
      })
      observer.observe({ type: 'long-animation-frame', buffered: false })
      setTimeout(() => {
        observer.disconnect()
        resolve(longest)
      }, ms)
    })
  },

  /** The scale of the diagram's zoom transform now. */
  zoomScale(): number {
    const content = diagramView()?.querySelector<SVGSVGElement>(':scope > svg')
    const match = /scale\(([\d.e-]+)\)/.exec(content?.style.transform ?? '')
    return match ? Number(match[1]) : NaN
  },

  /** Ids of the veth boxes drawn now. */
  veths(): string[] {
    return [...document.querySelectorAll('[data-layer="nodes"] > [data-kind="veth"]')].map((el) => el.getAttribute('data-node-id')!)
  },

  /**
   * Resolves (with the epoch time, ms) when a veth not in `known` is drawn with its line
   * starting on the box of `bridgeNodeId`.
   */
  whenNewVeth(bridgeNodeId: string, known: string[]): Promise<number> {
    const old = new Set(known)
    const numbers = (s: string): number[] => (s.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number)
    return whenTrue(() => {
      const bridge = document.querySelector(`[data-layer="nodes"] > [data-node-id="${CSS.escape(bridgeNodeId)}"]`) as SVGGElement | null
      if (!bridge) return false
      const [bx, by] = numbers(bridge.style.transform || bridge.getAttribute('transform') || '')
      const rect = bridge.querySelector('rect')!
      const bw = Number(rect.getAttribute('width'))
      const bottom = by + Number(rect.getAttribute('height'))
      for (const id of probe.veths()) {
        if (old.has(id)) continue
        const link = document.querySelector(`[data-link-id="bridge-veth:${CSS.escape(id)}"]`)
        const [x0, y0] = numbers(link?.getAttribute('d') ?? '')
        if (link && Math.abs(y0 - bottom) < 1 && x0 >= bx && x0 <= bx + bw) return performance.timeOrigin + performance.now()
      }
      return false
    })
  },

  /** Resolves (with the epoch time, ms) when `selector` matches something, or no longer does. */
  whenSelector(selector: string, present = true): Promise<number> {
    return whenTrue(() => (!!document.querySelector(selector) === present ? performance.timeOrigin + performance.now() : false))
  },
}

;(window as unknown as { bvProbe: typeof probe }).bvProbe = probe

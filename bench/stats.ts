export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** Runs fn `rounds` times (after `warmup` unmeasured runs) and returns the times in ms. */
export async function time(fn: () => Promise<unknown>, rounds: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  return times
}

export const ms = (n: number): string => `${n.toFixed(1)} ms`

export function verdict(ok: boolean): string {
  return ok ? 'within budget' : 'OVER BUDGET'
}

/**
 * `npm run bench`: every benchmark prints its figures and the ratio against a baseline
 * measured in the same run (these machines are noisy, so absolute times mean little).
 */
import { benchDiagram } from './diagram'
import { benchTopology } from './topology'

const SUITES: Record<string, () => Promise<void>> = {
  topology: benchTopology,
  diagram: benchDiagram,
}

async function run(): Promise<void> {
  const only = process.argv.slice(2)
  const names = only.length > 0 ? only : Object.keys(SUITES)
  for (const name of names) {
    const suite = SUITES[name]
    if (!suite) {
      console.error(`unknown benchmark "${name}"; known: ${Object.keys(SUITES).join(', ')}`)
      process.exitCode = 2
      return
    }
    console.log(`\n== ${name} ==`)
    await suite()
  }
}

run().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})

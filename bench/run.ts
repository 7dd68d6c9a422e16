import { benchExtract } from './extract.js'
import { benchImport } from './import.js'
import { benchSearch } from './search.js'
import { benchWeb } from './web.js'
import { benchAnalysis } from './analysis.js'
import { benchAnalysisViews } from './analysis-views.js'
import { benchLoad } from './load-proof.js'

/** `npm run bench -- <name> [options]`; with no name, runs every benchmark. */
const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  import: benchImport,
  extract: benchExtract,
  search: benchSearch,
  web: benchWeb,
  analysis: benchAnalysis,
  views: benchAnalysisViews,
  load: benchLoad,
}

const [name, ...args] = process.argv.slice(2)
const selected = name ? [name] : Object.keys(BENCHES)
for (const n of selected) {
  const bench = BENCHES[n]
  if (!bench) {
    console.error(`unknown benchmark "${n}"; known: ${Object.keys(BENCHES).join(', ')}`)
    process.exitCode = 2
    break
  }
  console.log(`\n## ${n}`)
  await bench(args)
}

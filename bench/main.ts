// `npm run bench` (dist/bench.js): every benchmark section, in order. A section is a module that
// exports `run(): Promise<void>` and prints its own measurements and PASS/FAIL lines; adding
// one is one line below.
import * as trainingBench from './trainingBench';
import * as liveOverheadBench from './liveOverheadBench';
import * as checkerBench from './checkerBench';

interface BenchSection {
  name: string;
  run(): Promise<void>;
}

const SECTIONS: BenchSection[] = [
  { name: 'training', run: trainingBench.run },
  { name: 'live', run: liveOverheadBench.run },
  { name: 'checker', run: checkerBench.run },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const section of SECTIONS) {
    if (only.length > 0 && !only.includes(section.name)) continue;
    try {
      await section.run();
    } catch (e) {
      console.log(`## ${section.name}: failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    }
  }
}

void main();

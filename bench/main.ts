// `npm run bench` (dist/bench.js): every benchmark section, in order. A section is a module that
// exports `run(): Promise<void>` and prints its own measurements and PASS/FAIL lines; adding
// one is one line below.
import * as trainingBench from './trainingBench';
import * as liveOverheadBench from './liveOverheadBench';
import * as checkerBench from './checkerBench';
import * as compareBench from './compareBench';
import * as learnerTrainingBench from './learnerTrainingBench';
import * as gridBench from './gridBench';
import * as memoryBench from './memoryBench';

interface BenchSection {
  name: string;
  run(): Promise<void>;
}

const SECTIONS: BenchSection[] = [
  { name: 'training', run: trainingBench.run },
  { name: 'live', run: liveOverheadBench.run },
  { name: 'compare', run: compareBench.run },
  { name: 'checker', run: checkerBench.run },
  { name: 'learner', run: learnerTrainingBench.run },
  { name: 'memory', run: memoryBench.run },
  // A few minutes: quick runs name the sections they want (`node dist/bench.js training live checker memory`).
  { name: 'grid', run: gridBench.run },
];

async function main(): Promise<void> {
  if (process.argv[2] === memoryBench.CHILD_FLAG) {
    memoryBench.child();
    return;
  }
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

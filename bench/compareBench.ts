// Compare in two lanes (issue 14, "use both cores where it pays"): every optimizer of the registry on the
// notebook's defaults, trained by the extension's worker threads as Compare Optimizers trains them: one
// worker thread one run after another, then two worker threads each taking the next run left.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { makeMoons } from '../src/core/data/moons';
import { OPTIMIZER_IDS } from '../src/core/optimizers/registry';
import { defaultTrainConfig } from '../src/core/trainer/trainer';
import { TrainingWorker } from '../src/extension/training/trainingWorker';
import type { RunConfig } from '../src/shared/webviewMessages';
import { median } from './median';

const REPEATS = 5;

export async function run(): Promise<void> {
  console.log(`## Compare: all ${OPTIMIZER_IDS.length} optimizers, 10 000 epochs each on the notebook's moons, in the extension's worker threads`);
  const { X, Y } = makeMoons();
  const workerFile = [join(__dirname, 'trainWorker.js'), join(__dirname, '..', 'dist', 'trainWorker.js')].find((f) => existsSync(f));
  if (!workerFile) throw new Error('dist/trainWorker.js is missing: run `npm run build` first');
  const workers = [new TrainingWorker(workerFile), new TrainingWorker(workerFile)];
  let id = 0;
  const compare = async (lanes: TrainingWorker[]): Promise<{ seconds: number; costs: number[][] }> => {
    const started = performance.now();
    const costs: number[][] = OPTIMIZER_IDS.map(() => []);
    let next = 0;
    await Promise.all(
      lanes.map(async (worker) => {
        while (next < OPTIMIZER_IDS.length) {
          const i = next++;
          const config: RunConfig = { ...defaultTrainConfig(OPTIMIZER_IDS[i]!), learningRateSchedule: '' };
          const done = await worker.run({ runId: `compare-${id++}`, X, Y, config, liveSnapshots: true, progressIntervalMs: 50 }, () => {}).done;
          costs[i] = done.costs;
        }
      }),
    );
    return { seconds: (performance.now() - started) / 1000, costs };
  };
  try {
    await compare(workers); // start both workers, warm their kernels
    const one: number[] = [];
    const two: number[] = [];
    let same = true;
    for (let r = 0; r < REPEATS; r++) {
      const a = await compare(workers.slice(0, 1));
      const b = await compare(workers);
      one.push(a.seconds);
      two.push(b.seconds);
      same &&= a.costs.every((c, i) => c.length === b.costs[i]!.length && c.every((x, j) => Object.is(x, b.costs[i]![j])));
    }
    const [s1, s2] = [median(one), median(two)];
    console.log(`one worker thread:  ${s1.toFixed(3)} s (median of ${REPEATS})`);
    console.log(`two worker threads: ${s2.toFixed(3)} s (median of ${REPEATS}), ${(s1 / s2).toFixed(2)}x on ${availableParallelism()} cores`);
    console.log(`the same costs bit for bit either way: ${same ? 'yes' : 'NO'}`);
    if (!same) process.exitCode = 1;
  } finally {
    workers.forEach((w) => w.dispose());
  }
}

// `npm run bench`, learner section (issue 11): the notebook's 10 000 Adam epochs trained with a learner's
// own (correct) functions in the Python worker, against the plain numpy notebook loop timed in the same run,
// and what the first-departure search (the core's reference run, the parameters sent and compared) adds.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { makeMoons } from '../src/core/data/moons';
import { defaultTrainConfig } from '../src/core/trainer/trainer';
import { learnerJob, spawnLearnerTrainer, trainWithLearnerFunctions, type LearnerJob } from '../src/checker/training/learnerTraining';
import { runNumpy } from './trainingBench';
import type { DoneMessage } from '../src/checker/training/learnerMessages';

/** The learner's loop may take this many times numpy's (the worker's overhead: JSON job, messages). */
const WORKER_TARGET = 1.5;
/** The departure search (the reference run, parameters sent and compared) may add this fraction. */
const DEPARTURE_TARGET = 0.1;
/** From Stop to the run's end (the process group killed, the result back), in milliseconds. */
const STOP_TARGET_MS = 200;

const ROOT = join(__dirname, '..');
const LEARNER_FILE = join(ROOT, 'test', 'fixtures', 'learner', 'correct_notebook_style.py');
const PYTHON = process.env.OPTLAB_PYTHON ?? 'python3';

/** numpy's own loop (scripts/numpy_model.py): the seconds it reports, and the wall time of the whole process. */
function numpyLoop(): { loop: number; wall: number; accuracy: number } | string {
  const started = performance.now();
  const r = runNumpy('adam');
  if (typeof r === 'string') return r;
  return { loop: r.seconds, wall: (performance.now() - started) / 1000, accuracy: r.accuracy };
}

/** The learner's loop alone: python/optlab_train.py running `job` (no steps or parameters sent), no reference. */
async function learnerLoopAlone(job: LearnerJob): Promise<{ loop: number; wall: number; accuracy: number }> {
  const started = performance.now();
  const child = spawnLearnerTrainer(PYTHON);
  child.stdin.end(`${JSON.stringify(job)}\n`);
  let done: DoneMessage | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    const message = JSON.parse(line) as { type: string };
    if (message.type === 'done') done = message as DoneMessage;
    if (message.type === 'failed') throw new Error(`the learner's loop failed: ${line.slice(0, 200)}`);
  }
  if (!done) throw new Error('the learner loop ended without a result');
  return { loop: done.seconds, wall: (performance.now() - started) / 1000, accuracy: done.accuracy };
}

export async function run(): Promise<void> {
  console.log('## Your functions: 10 000 Adam epochs (notebook defaults) with test/fixtures/learner/correct_notebook_style.py');
  const { X, Y } = makeMoons(300, 0.2, 3);
  const config = { ...defaultTrainConfig('adam'), optimizer: 'adam' as const };
  const source = readFileSync(LEARNER_FILE, 'utf8');
  const numpy = numpyLoop();
  if (typeof numpy === 'string') {
    console.log(`numpy: ${numpy}; section skipped`);
    return;
  }
  const alone = await learnerLoopAlone(learnerJob({ source, X, Y, config }, { steps: 0, recordParameters: false }));
  const startedFull = performance.now();
  const full = await trainWithLearnerFunctions({ pythonPath: PYTHON, source, X, Y, config, timeLimitMs: 600_000 });
  const fullWall = (performance.now() - startedFull) / 1000;
  if (full.status !== 'finished') throw new Error(`the learner's run ended ${full.status}: ${full.error?.message ?? ''}`);
  const agree = full.departure === null && full.accuracy === full.reference.accuracy;

  const rows = [
    ['run', 'loop s', 'wall s', 'accuracy'],
    ['numpy notebook loop (scripts/numpy_model.py)', numpy.loop.toFixed(2), numpy.wall.toFixed(2), numpy.accuracy.toFixed(4)],
    ['your functions, loop alone (no departure search)', alone.loop.toFixed(2), alone.wall.toFixed(2), alone.accuracy.toFixed(4)],
    ['your functions, as the editor runs them (with the search)', full.seconds.toFixed(2), fullWall.toFixed(2), full.accuracy.toFixed(4)],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  const worker = full.seconds / numpy.loop;
  const search = fullWall / alone.wall - 1;
  console.log(`same result as the reference (no departure, same accuracy): ${agree ? 'yes' : 'NO'}`);
  console.log(`worker overhead: your loop / numpy's loop = ${worker.toFixed(2)}x (target <= ${WORKER_TARGET}x) ${worker <= WORKER_TARGET ? 'PASS' : 'FAIL'}`);
  console.log(`departure search: wall with it / without it - 1 = ${(search * 100).toFixed(1)}% (target < ${DEPARTURE_TARGET * 100}%) ${search < DEPARTURE_TARGET ? 'PASS' : 'FAIL'}`);
  const stops = [await stopLatency(source), await stopLatency(source), await stopLatency(source)].sort((a, b) => a - b);
  const stop = stops[1]!;
  console.log(`Stop: from abort to the stopped result, mid-run (median of 3: ${stops.map((x) => x.toFixed(0)).join(', ')} ms) = ${stop.toFixed(0)} ms (target < ${STOP_TARGET_MS} ms) ${stop < STOP_TARGET_MS ? 'PASS' : 'FAIL'}`);
  if (!agree || worker > WORKER_TARGET || search >= DEPARTURE_TARGET || stop >= STOP_TARGET_MS) process.exitCode = 1;
}

/** A long Adam run of the learner's functions stopped after its fifth recorded epoch: milliseconds until it resolves. */
async function stopLatency(source: string): Promise<number> {
  const { X, Y } = makeMoons(300, 0.2, 3);
  const controller = new AbortController();
  let records = 0;
  let aborted = 0;
  const result = await trainWithLearnerFunctions({
    pythonPath: PYTHON,
    source,
    X,
    Y,
    config: { ...defaultTrainConfig('adam'), optimizer: 'adam', numEpochs: 1_000_000 },
    timeLimitMs: 600_000,
    signal: controller.signal,
    onRecord: () => {
      if (++records !== 5) return;
      aborted = performance.now();
      controller.abort();
    },
  });
  if (result.status !== 'stopped') throw new Error(`the run to stop ended ${result.status}`);
  return performance.now() - aborted;
}

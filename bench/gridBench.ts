// `npm run bench`, grid section (alone: `node dist/bench.js grid`): the trainer against numpy's loop
// (scripts/numpy_model.py) and PyTorch's (scripts/torch_model.py, when some python3 imports torch)
// over network sizes and data-set sizes, Adam, batch 64, each point timed in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeMoons } from '../src/core/data/moons';
import { matrix, type Matrix } from '../src/core/linalg/matrix';
import { networkLayout } from '../src/core/kernels/networkLayout';
import { RandomState } from '../src/core/random/randomState';
import { defaultTrainConfig, train, type TrainConfig, type TrainResult } from '../src/core/trainer/trainer';

const ROOT = join(__dirname, '..');
const LAYERS = [[2, 5, 2, 1], [2, 32, 32, 1], [2, 128, 128, 1], [2, 256, 256, 1], [2, 64, 64, 64, 1], [20, 64, 32, 1]];
const SAMPLES = [300, 3000, 30000];
const BATCH = 64;
/** Epochs per point are chosen so that numpy's loop takes about this long (see epochsFor). */
const NUMPY_SECONDS_PER_POINT = 0.5;
const TIMED_RUNS = 3;

interface PythonRun {
  seconds: number;
  cpu_seconds: number;
  costs: number[];
  numpy_version?: string;
  torch_version?: string;
  threads?: number;
}

/**
 * numpy's loop costs about 0.1 ms per mini-batch of overhead (the notebook's network: 50 000
 * mini-batches in 5 s) plus its arithmetic at roughly 15 GFLOP/s; six flops per parameter and example.
 */
function epochsFor(layers: number[], m: number): number {
  const batches = Math.ceil(m / BATCH);
  const perEpoch = batches * 1e-4 + (6 * networkLayout(layers).size * m) / 15e9;
  return Math.max(1, Math.min(2000, Math.round(NUMPY_SECONDS_PER_POINT / perEpoch)));
}

function pythonEnv(): NodeJS.ProcessEnv {
  // As the training section: old-OpenBLAS overrides would force a slower kernel on current numpy.
  // One BLAS thread, as ours runs on one core: on this shared 2-core machine OpenBLAS's second
  // thread spin-waits for a busy core and made numpy up to 15x slower than with one thread.
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

function runPython(python: string, script: string, args: string[]): PythonRun | string {
  const r = spawnSync(python, [join(ROOT, 'scripts', script), ...args, '--json'], { env: pythonEnv(), encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 2 ** 20 });
  if (r.error) return `${python} could not run: ${r.error.message}`;
  if (r.status !== 0) return `${script} exited ${r.status}: ${r.stderr.trim().split('\n').pop() ?? ''}`;
  try {
    // Python's json writes a diverged cost as NaN or Infinity, which JSON.parse refuses: quoted here, numbers again below.
    const run = JSON.parse(r.stdout.replace(/-?Infinity|NaN/g, (word) => `"${word}"`)) as PythonRun;
    return { ...run, costs: run.costs.map(Number) };
  } catch {
    return `${script} printed no JSON`;
  }
}

/** The first python3 on this machine that imports torch, or undefined. */
function torchPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return python;
  }
  return undefined;
}

/**
 * A data set with `features` rows: the moons for 2, else standard normal features with the label
 * x0 x1 + x2 > 0, written to a CSV for the Python side (doubles printed so they read back exactly).
 */
function dataset(features: number, m: number, dir: string): { X: Matrix; Y: Matrix; args: string[] } {
  if (features === 2) {
    const { X, Y } = makeMoons(m, 0.2, 3);
    return { X, Y, args: ['--samples', String(m)] };
  }
  const rs = new RandomState(7);
  const X = matrix(features, m, rs.randn(features, m));
  const labels = Array.from({ length: m }, (_, j) => (X.data[j]! * X.data[m + j]! + X.data[2 * m + j]! > 0 ? 1 : 0));
  const Y = matrix(1, m, labels);
  const lines: string[] = [];
  for (let j = 0; j < m; j++) {
    const row: string[] = [];
    for (let k = 0; k < features; k++) row.push(String(X.data[k * m + j]));
    row.push(String(labels[j]));
    lines.push(row.join(','));
  }
  const file = join(dir, `random-${features}-${m}.csv`);
  writeFileSync(file, lines.join('\n') + '\n');
  return { X, Y, args: ['--dataset', file] };
}

function maxAbsDifference(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  // Equal infinities (both runs diverged alike) count as no difference.
  return a.reduce((worst, x, i) => (Object.is(x, b[i]) ? worst : Math.max(worst, Math.abs(x - b[i]!))), 0);
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(`| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`);
}

interface Point {
  layers: number[];
  m: number;
  epochs: number;
  ours: TrainResult;
}

export async function run(): Promise<void> {
  const torch = torchPython();
  console.log(`## Grid: Adam, batch ${BATCH}, the trainer (best of ${TIMED_RUNS} after a one-epoch warm-up) against numpy${torch ? ` and PyTorch (${torch})` : ''}, timed in the same run, all on one core (one BLAS thread)`);
  console.log('Ratios are the other loop\'s time over ours (> 1: ours is faster); (cpu): the same from process CPU time, which a busy machine inflates less.');
  console.log('Epochs per point: about 0.5 s of numpy. Costs recorded every epoch; max |Δcost| over all of them.');
  if (!torch) console.log('PyTorch: no python3 here imports torch; its column is left empty.');
  const dir = mkdtempSync(join(tmpdir(), 'optlab-grid-'));
  const header = ['layers', 'parameters', 'm', 'epochs', 'kernel', 'ours s', 'numpy s', 'numpy / ours', '(cpu)', 'torch s', 'torch / ours', 'max Δcost vs numpy', 'no slower than numpy'];
  const rows: string[][] = [header];
  const points: Point[] = [];
  let slower = 0;
  let numpyVersion = '';
  let torchVersion = '';
  try {
    for (const layers of LAYERS) {
      for (const m of SAMPLES) {
        const { X, Y, args } = dataset(layers[0]!, m, dir);
        const epochs = epochsFor(layers, m);
        const config: TrainConfig = { ...defaultTrainConfig('adam', layers[0]), layersDims: layers, numEpochs: epochs, recordEvery: 1, printEvery: epochs };
        train(X, Y, { ...config, numEpochs: 1 });
        let ours: TrainResult | undefined;
        let oursCpu = Infinity;
        for (let r = 0; r < TIMED_RUNS; r++) {
          const before = process.cpuUsage();
          const result = train(X, Y, config);
          const used = process.cpuUsage(before);
          oursCpu = Math.min(oursCpu, (used.user + used.system) / 1e6);
          if (ours === undefined || result.seconds < ours.seconds) ours = result;
        }
        const pyArgs = [...args, '--layers', layers.join(','), '--epochs', String(epochs), '--record-every', '1', '--print-every', String(epochs)];
        const numpy = runPython('python3', 'numpy_model.py', pyArgs);
        const torchRun = torch ? runPython(torch, 'torch_model.py', [...args, '--layers', layers.join(','), '--epochs', String(epochs)]) : undefined;
        const np = typeof numpy === 'string' ? undefined : numpy;
        const th = torchRun === undefined || typeof torchRun === 'string' ? undefined : torchRun;
        if (typeof numpy === 'string') console.log(`numpy at ${layers.join(',')} m=${m}: ${numpy}`);
        if (typeof torchRun === 'string') console.log(`PyTorch at ${layers.join(',')} m=${m}: ${torchRun}`);
        if (np?.numpy_version) numpyVersion = np.numpy_version;
        if (th?.torch_version) torchVersion = `${th.torch_version}, ${th.threads ?? '?'} threads`;
        const ok = np !== undefined && ours!.seconds <= np.seconds;
        if (!ok) slower++;
        points.push({ layers, m, epochs, ours: ours! });
        rows.push([
          layers.join(','),
          String(networkLayout(layers).size),
          String(m),
          String(epochs),
          ours!.kernel,
          ours!.seconds.toFixed(3),
          np ? np.seconds.toFixed(3) : 'n/a',
          np ? `${(np.seconds / ours!.seconds).toFixed(1)}×` : 'n/a',
          np ? `${(np.cpu_seconds / oursCpu).toFixed(1)}×` : '',
          th ? th.seconds.toFixed(3) : '',
          th ? `${(th.seconds / ours!.seconds).toFixed(1)}×` : '',
          np ? maxAbsDifference(ours!.costs, np.costs).toExponential(1) : 'n/a',
          ok ? 'yes' : 'NO',
        ]);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(rows);
  console.log(`numpy ${numpyVersion || '(not run)'}${torchVersion ? `, PyTorch ${torchVersion}` : ''}, node ${process.version}`);

  console.log('');
  console.log('Scaling (ours): µs per example and epoch at each m (flat = linear in m), and ns per example, epoch and parameter at the largest m');
  const scaling: string[][] = [['layers', 'parameters', 'kernel', ...SAMPLES.map((m) => `µs/example m=${m}`), `ns/(example·parameter) m=${SAMPLES.at(-1)}`]];
  for (const layers of LAYERS) {
    const mine = points.filter((p) => p.layers === layers);
    const perExample = (p: Point): number => (p.ours.seconds / (p.epochs * p.m)) * 1e6;
    const last = mine.at(-1)!;
    scaling.push([
      layers.join(','),
      String(networkLayout(layers).size),
      last.ours.kernel,
      ...mine.map((p) => perExample(p).toFixed(2)),
      ((perExample(last) * 1000) / networkLayout(layers).size).toFixed(3),
    ]);
  }
  printTable(scaling);
  console.log(`Grid target (no point slower than numpy): ${slower === 0 ? 'PASS' : `FAIL (${slower} of ${rows.length - 1} points slower)`}`);
  console.log('');
}

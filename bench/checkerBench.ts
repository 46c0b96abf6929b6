// `npm run bench`, checker section: checking all eight graded functions of a correct learner file (the newer
// edition's, every edition's notebook cases, the extra and random cases, the repeated first call), the first
// time (Python start-up included) and warm (the long-lived worker), against issues 3 and 12's targets; and a
// failing file, whose checks run the diagnosis too.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Checker } from '../src/checker/checker';
import { findHarness } from '../src/checker/harnessLocation';
import { resolvePyenvShim } from '../src/checker/pyenvShim';
import { PythonWorker } from '../src/checker/pythonWorker';
import type { CheckerOptions, FunctionReport } from '../src/checker/types';
import { median } from './median';

export const COLD_TARGET_MS = 2000;
export const WARM_TARGET_MS = 300;
const WARM_RUNS = 15;

const LEARNER_FILE = join(__dirname, '..', 'test', 'fixtures', 'learner', 'correct_newer_edition_styles.py');
const FUNCTIONS = 8;
/** Every function with a mistake: each failing check is diagnosed (catalogue variants, then reasoning). */
const FAILING_FILES = ['adam_beta1_for_s.py', 'momentum_beta_term_dropped.py', 'gd_b_with_dw.py', 'schedule_round.py', 'minibatch_y_not_shuffled.py'];
const OPTIONS: CheckerOptions = { pythonPath: process.env.OPTLAB_PYTHON ?? 'python3', timeoutMs: 10_000, memoryLimitMb: 1024 };

async function timed(f: () => Promise<FunctionReport[]>): Promise<{ ms: number; reports: FunctionReport[] }> {
  const start = performance.now();
  const reports = await f();
  return { ms: performance.now() - start, reports };
}

function verdict(ms: number, target: number): string {
  return ms < target ? 'PASS' : 'FAIL';
}

export async function run(): Promise<void> {
  const source = readFileSync(LEARNER_FILE, 'utf8');
  console.log(`## Checker: all ${FUNCTIONS} graded functions of test/fixtures/learner/correct_newer_edition_styles.py (every case each)`);
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores (the machine is shared: a high load slows Python's start most)`);

  // First check in this process: the cases are computed (the notebook's 12288 x 148 mini-batch input included)
  // while Python starts, then the big input is sent once.
  const first = new Checker(OPTIONS);
  const cpuBefore = process.cpuUsage();
  const cold = await timed(() => first.checkSource(source));
  const cpu = process.cpuUsage(cpuBefore);
  const nodeCpuMs = (cpu.user + cpu.system) / 1000;
  const checks = cold.reports.reduce((n, r) => n + r.checks.length, 0);
  const allPass = cold.reports.length === FUNCTIONS && cold.reports.every((r) => r.status === 'pass');
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push((await timed(() => first.checkSource(source))).ms);
  const failingSource = FAILING_FILES.map((f) => readFileSync(join(__dirname, '..', 'test', 'fixtures', 'learner-mistakes', f), 'utf8')).join('\n\n');
  const failing: number[] = [];
  let named = 0;
  for (let i = 0; i < 5; i++) {
    const r = await timed(() => first.checkSource(failingSource));
    failing.push(r.ms);
    named = r.reports.filter((x) => x.checks.some((c) => c.mistake !== null)).length;
  }
  first.dispose();

  // A second checker: a new Python worker, cases already computed (what a restarted worker costs).
  const second = new Checker(OPTIONS);
  const restart = await timed(() => second.checkSource(source));
  const oneFunction = await timed(() => second.checkSource(source, ['update_parameters_with_adam']));
  second.dispose();

  // Python's own start (interpreter, numpy, harness), for scale: on a loaded machine it dominates. A pyenv
  // shim is read, not run, by the checker (src/checker/pyenvShim.ts): both are timed.
  const startAlone = async (pythonPath: string, env?: Record<string, string>): Promise<number> => {
    const t = performance.now();
    const bare = await PythonWorker.start({ pythonPath, harnessPath: findHarness(), memoryLimitMb: OPTIONS.memoryLimitMb, env });
    bare.kill();
    return performance.now() - t;
  };
  const pythonStartMs = await startAlone(OPTIONS.pythonPath);
  const shim = resolvePyenvShim(OPTIONS.pythonPath, { env: process.env, cwd: process.cwd() });
  const directStartMs = shim ? await startAlone(shim.executable, shim.env) : undefined;

  const warmMedian = median(warm);
  console.log(`${cold.reports.length} functions, ${checks} checks, all pass: ${allPass ? 'yes' : 'NO'}`);
  console.log(`cold (fresh process: cases + Python start + all ${FUNCTIONS}): ${cold.ms.toFixed(0)} ms  (target < ${COLD_TARGET_MS} ms) ${verdict(cold.ms, COLD_TARGET_MS)}`);
  console.log(`  of which Node CPU time (cases, reference results, encoding, comparison): ${nodeCpuMs.toFixed(0)} ms`);
  console.log(`  for scale: "${OPTIONS.pythonPath}" + numpy + harness start alone: ${pythonStartMs.toFixed(0)} ms`);
  if (shim && directStartMs !== undefined) {
    console.log(`  "${OPTIONS.pythonPath}" is a pyenv shim; the checker starts ${shim.executable} directly: ${directStartMs.toFixed(0)} ms`);
  }
  console.log(`new worker, cases ready:                             ${restart.ms.toFixed(0)} ms`);
  console.log(
    `warm, all ${FUNCTIONS} (median of ${WARM_RUNS}, min ${Math.min(...warm).toFixed(0)}, max ${Math.max(...warm).toFixed(0)}): ${warmMedian.toFixed(0)} ms  (target < ${WARM_TARGET_MS} ms) ${verdict(warmMedian, WARM_TARGET_MS)}`,
  );
  console.log(`warm, update_parameters_with_adam alone:             ${oneFunction.ms.toFixed(0)} ms`);
  console.log(`warm, ${FAILING_FILES.length} functions with a mistake each (diagnosis included, median of ${failing.length}): ${median(failing).toFixed(0)} ms; named: ${named}/${FAILING_FILES.length}`);
  const failed = !allPass || cold.ms >= COLD_TARGET_MS || warmMedian >= WARM_TARGET_MS;
  console.log(`Checker target (cold < ${COLD_TARGET_MS} ms, warm < ${WARM_TARGET_MS} ms): ${failed ? 'FAIL' : 'PASS'}`);
  console.log('');
}

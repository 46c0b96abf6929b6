// `npm run bench`, memory section (alone: `node dist/bench.js memory`): the peak memory of training on
// a 100 000 x 20 data set, measured in a fresh Node process (this one's peak holds the other sections').
import { spawnSync } from 'node:child_process';
import { matrix } from '../src/core/linalg/matrix';
import { RandomState } from '../src/core/random/randomState';
import { defaultTrainConfig, train } from '../src/core/trainer/trainer';

const M = 100_000;
const FEATURES = 20;
const LAYERS = [FEATURES, 64, 32, 1];
const EPOCHS = 3;
/** Peak RSS growth while training, as a multiple of the data set's own bytes (X and Y as Float64Arrays). */
const TARGET_RATIO = 3;
export const CHILD_FLAG = '--memory-child';

interface ChildReport {
  dataBytes: number;
  baselineRss: number;
  peakRss: number;
  kernel: string;
  seconds: number;
}

/** Runs in the child: builds the data, then trains while sampling RSS every epoch; prints one JSON line. */
export function child(): void {
  const rs = new RandomState(1);
  const X = matrix(FEATURES, M, rs.randn(FEATURES, M));
  const Y = matrix(1, M, Array.from(rs.rand(M), (u) => (u < 0.5 ? 1 : 0)));
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const result = train(X, Y, { ...defaultTrainConfig('adam', FEATURES), layersDims: LAYERS, numEpochs: EPOCHS, recordEvery: 1 }, {
    onRecord: () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
  });
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const report: ChildReport = { dataBytes: X.data.byteLength + Y.data.byteLength, baselineRss, peakRss, kernel: result.kernel, seconds: result.seconds };
  console.log(JSON.stringify(report));
}

export async function run(): Promise<void> {
  console.log(`## Memory: Adam on ${M.toLocaleString('en')} x ${FEATURES} examples, layers [${LAYERS.join(', ')}], batch 64, ${EPOCHS} epochs, in a fresh process`);
  const r = spawnSync(process.execPath, ['--expose-gc', process.argv[1]!, CHILD_FLAG], { encoding: 'utf8', timeout: 600_000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let report: ChildReport;
  try {
    report = JSON.parse(line) as ChildReport;
  } catch {
    throw new Error(`the child process printed no report (status ${r.status}): ${r.stderr.trim().split('\n').pop() ?? ''}`);
  }
  const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const ratio = (report.peakRss - report.baselineRss) / report.dataBytes;
  console.log(
    `data ${mib(report.dataBytes)}; RSS with the data loaded ${mib(report.baselineRss)}, peak while training ${mib(report.peakRss)} ` +
      `(sampled every epoch): growth ${mib(report.peakRss - report.baselineRss)} = ${ratio.toFixed(2)}× the data; kernel ${report.kernel}, ${report.seconds.toFixed(2)} s`,
  );
  console.log(`Memory target (growth < ${TARGET_RATIO}× the data): ${ratio < TARGET_RATIO ? 'PASS' : 'FAIL'}`);
  console.log('');
}

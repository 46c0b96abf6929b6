// Child process of readerFuzz.test.ts: reads each data-set path given on stdin (one per line)
// the way `optlab train --dataset PATH` does, and prints one JSON line per file with the
// outcome, the time and the process's peak RSS so far. Printing "start" first lets the parent
// blame the right file when this process hangs or dies.
import { createInterface } from 'node:readline';
import { DatasetError } from '../../../../src/core/data/datasetError';
import { loadTrainingData } from '../../../../src/cli/loadTrainingData';
import { UsageError } from '../../../../src/cli/usageError';

export interface FuzzLine {
  index: number;
  event: 'start' | 'done';
  outcome?: 'read' | 'refused' | 'crashed';
  /** The error's class and message (refused, crashed) or the data set's size (read). */
  text?: string;
  ms?: number;
  peakRssMb?: number;
}

const say = (line: FuzzLine): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

let index = 0;
createInterface({ input: process.stdin }).on('line', (path) => {
  const i = index++;
  say({ index: i, event: 'start' });
  const t0 = performance.now();
  let outcome: FuzzLine['outcome'];
  let text: string;
  try {
    const data = loadTrainingData({ kind: 'file', path });
    outcome = 'read';
    text = `${data.X.rows} x ${data.X.cols}`;
  } catch (e) {
    outcome = e instanceof DatasetError || e instanceof UsageError ? 'refused' : 'crashed';
    text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  say({ index: i, event: 'done', outcome, text, ms: Math.round(performance.now() - t0), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
});

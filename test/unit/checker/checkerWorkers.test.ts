// The checker's workers: a file's functions are checked side by side in separate Python workers, and the
// reports are the same as with one worker (which worker checked a function changes nothing the learner sees).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Checker } from '../../../src/checker/checker';
import type { FunctionReport } from '../../../src/checker/types';

const OPTIONS = { pythonPath: 'python3', timeoutMs: 5000, memoryLimitMb: 512 };
const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** Each function prints the process id of the worker that forked its call's process. */
const WHO_CHECKS = ['update_parameters_with_gd', 'initialize_velocity', 'initialize_adam']
  .map((name) => `def ${name}(*args):\n    import os\n    print("worker", os.getppid())\n    return None\n`)
  .join('\n');

function workersSeen(reports: FunctionReport[]): Set<string> {
  return new Set(reports.flatMap((r) => [...(r.output ?? '').matchAll(/worker (\d+)/g)].map((m) => m[1]!)));
}

/** A report without what legitimately differs from run to run (printed output). */
function comparable(reports: FunctionReport[]): unknown {
  return reports.map(({ output: _output, ...rest }) => rest);
}

describe('Checker workers', () => {
  it('checks the functions of one file in two workers side by side, and in one when told', async () => {
    const two = new Checker({ ...OPTIONS, workers: 2 });
    const one = new Checker({ ...OPTIONS, workers: 1 });
    try {
      assert.equal(workersSeen(await two.checkSource(WHO_CHECKS)).size, 2);
      assert.equal(workersSeen(await one.checkSource(WHO_CHECKS)).size, 1);
    } finally {
      two.dispose();
      one.dispose();
    }
  });

  it('gives the same reports with two workers as with one, for correct functions and for mistakes', async () => {
    const sources = [
      readFileSync(join(FIXTURES, 'learner', 'correct_newer_edition_styles.py'), 'utf8'),
      ['adam_beta1_for_s.py', 'momentum_beta_term_dropped.py', 'gd_b_with_dw.py', 'schedule_round.py', 'minibatch_y_not_shuffled.py']
        .map((f) => readFileSync(join(FIXTURES, 'learner-mistakes', f), 'utf8'))
        .join('\n\n'),
    ];
    const two = new Checker({ ...OPTIONS, workers: 2 });
    const one = new Checker({ ...OPTIONS, workers: 1 });
    try {
      for (const source of sources) {
        const [a, b] = [await two.checkSource(source), await one.checkSource(source)];
        assert.ok(a.length >= 5, `${a.length} functions checked`);
        assert.deepEqual(comparable(a), comparable(b));
      }
    } finally {
      two.dispose();
      one.dispose();
    }
  });
});

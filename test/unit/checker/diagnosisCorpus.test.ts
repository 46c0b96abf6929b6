// Learner-style mistakes beyond the catalogue's first list (test/fixtures/learner-mistakes): each file says
// `# mistake: <function> <id>`. Counts how many are caught (the function fails) and named (the first failing
// check, the one the CodeLens shows, carries that id), and requires all of both.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Checker } from '../../../src/checker/checker';
import type { FunctionReport } from '../../../src/checker/types';

const DIR = join(__dirname, '../../fixtures/learner-mistakes');
const files = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();
const checker = new Checker({ pythonPath: 'python3', timeoutMs: 2500, memoryLimitMb: 256 });
after(() => checker.dispose());

function firstProblem(r: FunctionReport) {
  return r.checks.find((c) => c.status !== 'pass');
}

describe('learner-style mistakes: caught and named', () => {
  const tally = { caught: 0, named: 0, lined: 0, total: 0 };
  const wrong: string[] = [];
  for (const file of files) {
    const source = readFileSync(join(DIR, file), 'utf8');
    const [, fn, id] = /^# mistake: (\w+) (\S+)$/m.exec(source) ?? [];
    it(`${file}: ${fn} → ${id}`, async () => {
      assert.ok(fn && id, `${file} has no "# mistake:" line`);
      tally.total++;
      const report = (await checker.checkSource(source)).find((r) => r.name === fn);
      assert.ok(report, `${fn} was checked`);
      if (report.status !== 'pass') tally.caught++;
      const first = firstProblem(report);
      if (first?.mistake === id) tally.named++;
      else wrong.push(`${file}: expected ${id}, got ${first?.mistake ?? 'none'} (${first?.message ?? 'passed'})`);
      if (first?.mistakeLine !== undefined || first?.learnerLine !== undefined) tally.lined++;
      assert.notEqual(report.status, 'pass', `${file} was not caught`);
      assert.equal(first?.mistake, id, `${file}: ${first?.case}: ${first?.message}`);
      assert.ok(first?.title && first.hint, `${file}: a title and a hint`);
    });
  }
  after(() => {
    console.log(`learner-style mistakes: ${tally.caught}/${tally.total} caught, ${tally.named}/${tally.total} named, ${tally.lined} with a line`);
    for (const w of wrong) console.log(`  ${w}`);
  });
});

describe('the reasoned diagnoses', () => {
  it('each has a learner-style fixture that triggers it', async () => {
    const { REASONED_IDS } = await import('../../../src/checker/mistakes/reasoning');
    const named = new Set(files.map((f) => /^# mistake: \w+ (\S+)$/m.exec(readFileSync(join(DIR, f), 'utf8'))?.[1]));
    assert.deepEqual(REASONED_IDS.filter((id) => !named.has(id)), []);
  });
});

describe('an endless loop that fills memory before the time limit', () => {
  it('is named an endless loop when the memory limit stops it, not only when the clock does', async () => {
    const small = new Checker({ pythonPath: 'python3', timeoutMs: 60_000, memoryLimitMb: 128 });
    try {
      const source = readFileSync(join(DIR, 'minibatch_endless_loop.py'), 'utf8');
      const report = (await small.checkSource(source)).find((r) => r.name === 'random_mini_batches');
      const first = report && firstProblem(report);
      assert.equal(first?.mistake, 'endless-loop', `${first?.status}: ${first?.message}`);
      assert.doesNotMatch(first?.message ?? '', /exited with code/);
    } finally {
      small.dispose();
    }
  });
});

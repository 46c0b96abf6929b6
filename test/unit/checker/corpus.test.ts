// Drives the real Python harness over test/fixtures/learner: every file states what it expects in
// `# expect: <function> <status> <mistake-id or ->` lines.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Checker } from '../../../src/checker/checker';
import { MISTAKES } from '../../../src/checker/mistakes/catalogue';
import { notebookToSource } from '../../../src/checker/notebookSource';
import type { CheckStatus, FunctionReport } from '../../../src/checker/types';

const DIR = join(__dirname, '../../fixtures/learner');

interface Expectation {
  fn: string;
  status: CheckStatus;
  mistake: string | null;
}

function expectationsOf(source: string): Expectation[] {
  return [...source.matchAll(/^# expect: (\w+) (pass|fail|error|timeout)(?: (\S+))?$/gm)].map((m) => ({
    fn: m[1]!,
    status: m[2] as CheckStatus,
    mistake: m[3] === undefined || m[3] === '-' ? null : m[3],
  }));
}

function summary(r: FunctionReport): string {
  return `${r.name}: ${r.status}\n${r.checks.map((c) => `  ${c.status} ${c.case}: ${c.message} [${c.mistake}]`).join('\n')}`;
}

const checker = new Checker({ pythonPath: 'python3', timeoutMs: 2500, memoryLimitMb: 512 });
after(() => checker.dispose());

const files = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

describe('fixture corpus through the real harness', () => {
  for (const file of files) {
    const source = readFileSync(join(DIR, file), 'utf8');
    const expectations = expectationsOf(source);
    it(`${file}: ${expectations.map((e) => `${e.fn} ${e.status}${e.mistake ? ` (${e.mistake})` : ''}`).join(', ')}`, async () => {
      assert.ok(expectations.length > 0, `${file} has no "# expect:" lines`);
      const reports = await checker.checkSource(source);
      assert.deepEqual(reports.map((r) => r.name).sort(), expectations.map((e) => e.fn).sort(), 'the functions found');
      for (const e of expectations) {
        const report = reports.find((r) => r.name === e.fn)!;
        assert.equal(report.status, e.status, summary(report));
        const named = report.checks.filter((c) => c.status !== 'pass').map((c) => c.mistake);
        if (e.mistake === null) {
          assert.ok(named.every((m) => m === null), `no mistake should be named:\n${summary(report)}`);
        } else {
          assert.ok(named.includes(e.mistake), `expected ${e.mistake}:\n${summary(report)}`);
          assert.ok(named.every((m) => m === e.mistake), `only ${e.mistake} should be named:\n${summary(report)}`);
          const hinted = report.checks.find((c) => c.mistake === e.mistake)!;
          const mistake = MISTAKES.find((m) => m.id === e.mistake);
          assert.equal(hinted.hint, mistake ? (mistake.hintFor?.(report.name) ?? mistake.hint) : hinted.hint);
          assert.ok(hinted.title && hinted.hint, `${e.mistake} has a title and a hint`);
        }
      }
    });
  }

  it('names every catalogued mistake in at least one fixture', () => {
    const expected = new Set(files.flatMap((f) => expectationsOf(readFileSync(join(DIR, f), 'utf8')).map((e) => e.mistake)));
    // The learner-style corpus (diagnosisCorpus.test.ts) counts too: `# mistake: <function> <id>`.
    const more = join(DIR, '../learner-mistakes');
    for (const f of readdirSync(more).filter((x) => x.endsWith('.py'))) expected.add(/^# mistake: \w+ (\S+)$/m.exec(readFileSync(join(more, f), 'utf8'))?.[1] ?? null);
    const missing = MISTAKES.map((m) => m.id).filter((id) => !expected.has(id));
    assert.deepEqual(missing, []);
  });

  it('checks the code cells of a notebook, magics and shell cells notwithstanding', async () => {
    const notebook = notebookToSource(readFileSync(join(DIR, 'notebook_adam_ok_momentum_buggy.ipynb'), 'utf8'));
    const reports = await checker.checkSource(notebook.source);
    const byName = Object.fromEntries(reports.map((r) => [r.name, r]));
    assert.equal(byName.update_parameters_with_adam?.status, 'pass');
    assert.equal(byName.update_parameters_with_momentum?.status, 'fail');
    assert.equal(byName.update_parameters_with_momentum?.checks[0]?.mistake, 'momentum-missing-one-minus-beta');
    // The def line maps back to the cell that holds it.
    assert.deepEqual(notebook.lineMap[byName.update_parameters_with_momentum!.line - 1], { cell: 3, line: 3 });
  });

  it('gives the line of an exception in the learner file and what the function printed', async () => {
    const source = readFileSync(join(DIR, 'raises.py'), 'utf8');
    const raiseLine = source.split('\n').findIndex((l) => l.includes('# raise-line')) + 1;
    const [report] = await checker.checkSource(source);
    assert.equal(report?.checks[0]?.learnerLine, raiseLine);
    assert.match(report?.checks[0]?.message ?? '', /^ValueError: shapes \(2,3\) and \(1,2\) not aligned/);

    const printing = readFileSync(join(DIR, 'crashes_and_prints.py'), 'utf8');
    const [velocity] = await checker.checkSource(printing, ['initialize_velocity']);
    assert.equal(velocity?.status, 'pass');
    assert.match(velocity?.output ?? '', /velocity 0\nvelocity 1\n/);
    assert.ok((velocity?.output ?? '').length < 5000, 'output is truncated');
  });

  it('reads a file saved with a byte-order mark and CRLF line endings, at the same line numbers', async () => {
    const source = readFileSync(join(DIR, 'raises.py'), 'utf8');
    const [plain] = await checker.checkSource(source);
    const [windows] = await checker.checkSource('\ufeff' + source.replace(/\n/g, '\r\n'));
    assert.equal(windows?.line, plain?.line);
    assert.equal(windows?.checks[0]?.learnerLine, plain?.checks[0]?.learnerLine);
    assert.equal(windows?.checks[0]?.message, plain?.checks[0]?.message);
  });

  it('checks only the functions asked for', async () => {
    const source = readFileSync(join(DIR, 'correct_in_place.py'), 'utf8');
    const reports = await checker.checkSource(source, ['initialize_adam', 'update_parameters_with_gd']);
    assert.deepEqual(reports.map((r) => r.name), ['update_parameters_with_gd', 'initialize_adam']);
  });
});

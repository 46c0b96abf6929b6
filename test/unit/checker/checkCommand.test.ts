import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliIo } from '../../../src/cli/cliIo';
import { runCheckCommand } from '../../../src/cli/check';
import { optlab } from '../cli/runOptlab';

const LEARNER = join(__dirname, '../../fixtures/learner');

async function check(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await runCheckCommand(args, io);
  return { code, out, err };
}

describe('optlab check', () => {
  it('exits 0 when every function found passes, with a line per function', async () => {
    const r = await check(join(LEARNER, 'correct_comprehensions.py'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /✓ update_parameters_with_adam \(line 40\): 9\/9 checks passed/);
    assert.match(r.out, /6 passed \(6 functions\)/);
  });

  it('exits 1 and names the mistake and its hint when a function fails', async () => {
    const r = await check(join(LEARNER, 'mistake_minibatch_last_y_from_x.py'));
    assert.equal(r.code, 1);
    assert.match(r.out, /mini_batches\[2\]\[1\] has shape \(12288, 20\), expected \(1, 20\)/);
    assert.match(r.out, /minibatch-last-y-from-x/);
    assert.match(r.out, /hint: In the end case, slice mini_batch_Y from shuffled_Y/);
  });

  it('prints exactly the JSON shape of issues 3 and 12 with --json', async () => {
    const r = await check(join(LEARNER, 'mistake_adam_epsilon_inside_sqrt.py'), '--json');
    assert.equal(r.code, 1);
    const json = JSON.parse(r.out) as { functions: Array<Record<string, unknown> & { checks: Array<Record<string, unknown>> }> };
    assert.deepEqual(Object.keys(json), ['functions']);
    const [fn] = json.functions;
    assert.deepEqual(Object.keys(fn!), ['name', 'line', 'status', 'checks']);
    assert.equal(fn!.name, 'update_parameters_with_adam');
    assert.equal(fn!.status, 'fail');
    for (const c of fn!.checks) assert.deepEqual(Object.keys(c), ['case', 'status', 'message', 'mistake', 'title', 'hint', 'line']);
    const named = fn!.checks.find((c) => c.mistake === 'adam-epsilon-inside-sqrt');
    assert.equal(named?.title, 'epsilon inside the square root');
    assert.match(String(named?.hint), /np\.sqrt\(s_corrected\[\.\.\.\]\) \+ epsilon/);
    assert.equal(typeof named?.line, 'number');
    assert.ok(fn!.checks.some((c) => c.status === 'pass' && c.mistake === null));
  });

  it('reports notebook positions as cells', async () => {
    const r = await check(join(LEARNER, 'notebook_adam_ok_momentum_buggy.ipynb'));
    assert.equal(r.code, 1);
    assert.match(r.out, /update_parameters_with_momentum \(cell 4, line 3\)/);
  });

  it('exits 2 for an unreadable file, a missing Python, or bad usage', async () => {
    const missingFile = await check(join(LEARNER, 'no_such_file.py'));
    assert.equal(missingFile.code, 2);
    assert.match(missingFile.err, /cannot read .*no such file/);
    const noPython = await check(join(LEARNER, 'correct_in_place.py'), '--python', '/nonexistent/python3');
    assert.equal(noPython.code, 2);
    assert.match(noPython.err, /Python was not found at "\/nonexistent\/python3"/);
    assert.equal((await check()).code, 2);
    assert.equal((await check('a.py', '--timeout', 'soon')).code, 2);
    const help = await check('--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: optlab check FILE/);
  });

  it('runs from the bundle (dist/cli.js), finding python/harness.py next to dist/', () => {
    const r = optlab('check', join(LEARNER, 'mistake_update_sign_flipped.py'), '--json');
    assert.equal(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { functions: Array<{ checks: Array<{ mistake: string | null }> }> };
    assert.equal(json.functions[0]?.checks[0]?.mistake, 'update-sign-flipped');
  });
});

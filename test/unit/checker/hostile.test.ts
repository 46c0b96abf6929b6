// The hostile-learner corpus (test/fixtures/hostile, one attack per file) through one long-lived checker, as the
// editor uses it: no attack may make a check pass, leave a process behind, hang the checker or use more memory
// than the limit, and the next file must be checked as if nothing had happened. Run with the syscall filter and
// again without it (OPTLAB_CHECKER_NO_SYSCALL_FILTER=1), so that the other walls are proven on their own too.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Checker } from '../../../src/checker/checker';
import { findHarness } from '../../../src/checker/harnessLocation';
import type { FunctionReport } from '../../../src/checker/types';

const DIR = join(__dirname, '../../fixtures/hostile');
const MARKER = 'OPTLAB_HOSTILE_MARKER';
const CHECK_LIMIT_MS = 60_000;
const CORRECT = readFileSync(join(__dirname, '../../fixtures/learner/correct_notebook_style.py'), 'utf8');
// Plainly wrong, with no attack: fails wherever it is checked.
const WRONG = `
import numpy as np
def update_parameters_with_gd(parameters, grads, learning_rate):
    return parameters
def initialize_velocity(parameters):
    return {k: np.ones_like(p) for k, p in parameters.items()}
def initialize_adam(parameters):
    return {}, {}
`;

interface Attack {
  file: string;
  source: string;
  filterOnly: boolean;
  expectations: Array<{ fn: string; pattern: RegExp }>;
}

const attacks: Attack[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.py'))
  .sort()
  .map((file) => {
    const source = readFileSync(join(DIR, file), 'utf8');
    return {
      file,
      source,
      filterOnly: /^# filter-only:/m.test(source),
      expectations: [...source.matchAll(/^# expect: (\w+) (.+)$/gm)].map((m) => {
        const text = m[2]!.trim();
        const flags = text.startsWith('(?i)') ? 'i' : '';
        return { fn: m[1]!, pattern: new RegExp(flags ? text.slice(4) : text, flags) };
      }),
    };
  });

function procEntries(): Array<{ pid: number; ppid: number; cmdline: string }> {
  const out: Array<{ pid: number; ppid: number; cmdline: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(name), ppid, cmdline });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/**
 * Processes an attack started (they carry the marker) and call processes the harness did not end: a harness
 * keeps one forked child waiting for the next call, so a second child of a harness is one too many.
 */
function leftovers(): string[] {
  const harness = findHarness();
  const entries = procEntries();
  const harnessPids = new Set(entries.filter((e) => e.cmdline.includes(harness)).map((e) => e.pid));
  const calls = entries.filter((e) => e.cmdline.includes(harness) && harnessPids.has(e.ppid));
  const extraCalls = [...harnessPids].flatMap((pid) => calls.filter((e) => e.ppid === pid).slice(1));
  return [...entries.filter((e) => e.cmdline.includes(MARKER)), ...extraCalls].map((e) => `${e.pid}: ${e.cmdline.slice(0, 120)}`);
}

async function settledLeftovers(): Promise<string[]> {
  let left = leftovers();
  for (let i = 0; i < 20 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = leftovers();
  }
  return left;
}

function killLeftovers(): void {
  for (const line of leftovers()) {
    try {
      process.kill(Number(line.split(':')[0]), 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

function within<T>(p: Promise<T>, ms: number): Promise<T | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<'hang'>((r) => (timer = setTimeout(() => r('hang'), ms)))]).finally(() => clearTimeout(timer));
}

function summary(reports: readonly FunctionReport[]): string {
  return reports.map((r) => `${r.name}: ${r.status}\n${r.checks.map((c) => `  ${c.status} ${c.case}: ${c.message.slice(0, 300)}`).join('\n')}`).join('\n');
}

const linux = process.platform === 'linux';

for (const mode of ['syscall filter', 'no syscall filter'] as const) {
  describe(`hostile learner corpus (${mode})`, { skip: !linux && 'needs /proc to count processes' }, () => {
    it('no faked pass, no process left, no hang, no memory beyond the limit; the next file is checked cleanly', async () => {
      const saved = process.env.OPTLAB_CHECKER_NO_SYSCALL_FILTER;
      if (mode === 'no syscall filter') process.env.OPTLAB_CHECKER_NO_SYSCALL_FILTER = '1';
      else delete process.env.OPTLAB_CHECKER_NO_SYSCALL_FILTER;
      const checker = new Checker({ pythonPath: 'python3', timeoutMs: 2000, memoryLimitMb: 256 });
      const counts = { files: 0, skipped: 0, faked: 0, left: 0, hangs: 0, ooms: 0, unclean: 0, unexpected: 0 };
      const problems: string[] = [];
      try {
        for (const attack of attacks) {
          if (mode === 'no syscall filter' && attack.filterOnly) {
            counts.skipped++;
            continue;
          }
          counts.files++;
          const reports = await within(checker.checkSource(attack.source), CHECK_LIMIT_MS);
          if (reports === 'hang') {
            counts.hangs++;
            problems.push(`${attack.file}: no report within ${CHECK_LIMIT_MS / 1000} s`);
            continue;
          }
          const passes = reports.flatMap((r) => r.checks.filter((c) => c.status === 'pass').map((c) => `${r.name} / ${c.case}`));
          counts.faked += passes.length;
          if (passes.length > 0) problems.push(`${attack.file}: faked passes: ${passes.join(', ')}\n${summary(reports)}`);
          for (const e of attack.expectations) {
            const report = reports.find((r) => r.name === e.fn);
            const message = report?.checks.find((c) => c.status !== 'pass')?.message ?? '';
            if (!e.pattern.test(message)) {
              counts.unexpected++;
              problems.push(`${attack.file}: ${e.fn} should match ${e.pattern}:\n${report ? summary([report]) : '(not reported)'}`);
            }
            if (/memory/i.test(e.pattern.source) && attack.file.startsWith('lift_memory') && report?.status !== 'error') counts.ooms++;
          }
          const longest = Math.max(0, ...reports.flatMap((r) => r.checks.map((c) => c.message.length + (c.expectedText?.length ?? 0) + (c.actualText?.length ?? 0))));
          if (longest > 20_000) problems.push(`${attack.file}: a report of ${longest} characters`);
          if ((reports.map((r) => r.output ?? '').join('').length ?? 0) > 30_000) problems.push(`${attack.file}: printed output not capped`);
          const left = await settledLeftovers();
          counts.left += left.length;
          if (left.length > 0) {
            problems.push(`${attack.file}: processes left:\n  ${left.join('\n  ')}`);
            killLeftovers();
          }
          // The same checker, next file: a wrong one fails everywhere, the correct one passes everywhere.
          const wrong = await within(checker.checkSource(WRONG), CHECK_LIMIT_MS);
          const correct = await within(checker.checkSource(CORRECT), CHECK_LIMIT_MS);
          const clean =
            wrong !== 'hang' &&
            correct !== 'hang' &&
            wrong.length === 3 &&
            wrong.every((r) => r.checks.every((c) => c.status !== 'pass')) &&
            correct.length === 6 &&
            correct.every((r) => r.status === 'pass');
          if (!clean) {
            counts.unclean++;
            problems.push(`${attack.file}: the next files were not checked cleanly:\n${wrong === 'hang' ? 'hang' : summary(wrong)}\n${correct === 'hang' ? 'hang' : summary(correct)}`);
          }
        }
      } finally {
        checker.dispose();
        killLeftovers();
        if (saved === undefined) delete process.env.OPTLAB_CHECKER_NO_SYSCALL_FILTER;
        else process.env.OPTLAB_CHECKER_NO_SYSCALL_FILTER = saved;
      }
      console.log(
        `hostile corpus (${mode}): files tried ${counts.files}${counts.skipped ? ` (${counts.skipped} filter-only skipped)` : ''}, ` +
          `faked passes ${counts.faked}, processes left ${counts.left}, hangs ${counts.hangs}, OOMs ${counts.ooms}, ` +
          `next file not clean ${counts.unclean}, unexpected messages ${counts.unexpected}`,
      );
      assert.deepEqual(problems, []);
    });
  });
}

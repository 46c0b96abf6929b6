import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FuzzLine } from './fuzz/readEach';

// scripts/make_reader_fuzz.mjs is an ES module (run by Node directly); this test file is CommonJS.
type Generator = typeof import('../../../scripts/make_reader_fuzz.mjs', { with: { 'resolution-mode': 'import' } });

/** Per file: a hang is a file that takes longer. The slowest honest case (a 5 GB bomb stopped at the limit) takes ~1 s. */
const PER_FILE_MS = 15_000;
/** The child's V8 heap; typed arrays are outside it, so the RSS peak is checked as well. */
const HEAP_MB = 512;
const RSS_LIMIT_MB = 1024;
/** What a message must not look like: a JavaScript error leaking through instead of a sentence about the file. */
const GENERIC = /RangeError|TypeError|ReferenceError|Invalid typed array|Offset is outside|out of range|Maximum call stack|\bundefined\b|Cannot read prop/;
const MAX_MESSAGE = 400;

interface Outcome {
  file: string;
  kind: 'read' | 'refused' | 'unclean' | 'hang' | 'oom';
  text: string;
  ms: number;
}

const dir = mkdtempSync(join(tmpdir(), 'optlab-reader-fuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the files through test/unit/data/fuzz/readEach.ts in a child process with a small heap;
 * a file that takes longer than PER_FILE_MS is a hang, one that ends the child an OOM (or a
 * crash, counted with them). After either, a new child goes on with the next file.
 */
async function readAll(files: readonly string[]): Promise<{ outcomes: Outcome[]; peakRssMb: number }> {
  const outcomes: Outcome[] = [];
  let peakRssMb = 0;
  let next = 0;
  while (next < files.length) {
    const batch = files.slice(next);
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', join(__dirname, 'fuzz', 'readEach.ts')], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.stdin.end(batch.join('\n') + '\n');
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    let hung = false;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        hung = true;
        child.kill('SIGKILL');
      }, PER_FILE_MS);
    };
    arm(); // start-up counts against the first file's budget too
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (text) => {
      const line = JSON.parse(text) as FuzzLine;
      if (line.event === 'start') {
        current = line.index;
        arm();
        return;
      }
      peakRssMb = Math.max(peakRssMb, line.peakRssMb ?? 0);
      const clean = line.outcome === 'refused' && !GENERIC.test(line.text!) && line.text!.length <= MAX_MESSAGE && !line.text!.includes('\n');
      const kind = line.outcome === 'read' ? 'read' : clean ? 'refused' : 'unclean';
      outcomes.push({ file: batch[line.index]!, kind, text: line.text!, ms: line.ms! });
      current = -1;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    const done = outcomes.length;
    if (current < 0 && done - next === batch.length) break;
    // The child stopped in the middle of a file: blame it and go on after it.
    const failedAt = current >= 0 ? current : done - next;
    const text = hung ? `no answer within ${PER_FILE_MS} ms` : `child ended (code ${code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
    outcomes.push({ file: batch[failedAt]!, kind: hung ? 'hang' : 'oom', text, ms: PER_FILE_MS });
    next += failedAt + 1;
  }
  return { outcomes, peakRssMb };
}

test('reader fuzz corpus: every file is read or refused with a clean, capped message; no hang, no OOM', { timeout: 600_000 }, async () => {
  const generator: Generator = await import('../../../scripts/make_reader_fuzz.mjs');
  const files = generator.makeReaderFuzz(dir);
  const { outcomes, peakRssMb } = await readAll(files);
  const count = (kind: Outcome['kind']): number => outcomes.filter((o) => o.kind === kind).length;
  const counts = {
    tried: outcomes.length,
    refusedCleanly: count('refused'),
    read: count('read'),
    unclean: count('unclean'),
    hangs: count('hang'),
    ooms: count('oom'),
  };
  console.log(
    `reader fuzz (seed ${generator.DEFAULT_SEED}): ${counts.tried} files tried, ${counts.refusedCleanly} refused cleanly, ${counts.read} read, ` +
      `${counts.unclean} unclean refusals, ${counts.hangs} hangs, ${counts.ooms} OOMs; peak RSS ${peakRssMb} MB; slowest ` +
      outcomes
        .slice()
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3)
        .map((o) => `${basename(o.file)} ${o.ms} ms`)
        .join(', '),
  );
  const bad = outcomes.filter((o) => o.kind !== 'read' && o.kind !== 'refused').map((o) => `${basename(o.file)}: ${o.kind}: ${o.text.slice(0, 300)}`);
  assert.deepEqual(bad, []);
  assert.equal(counts.tried, files.length);
  assert.ok(peakRssMb < RSS_LIMIT_MB, `peak RSS ${peakRssMb} MB`);

  // The unmutated files are read, and each hostile file is refused: none slips through as "read".
  const read = new Set(outcomes.filter((o) => o.kind === 'read').map((o) => basename(o.file)));
  for (const f of files.map((p) => basename(p))) {
    if (f.includes('--original')) assert.ok(read.has(f), `${f} should be read`);
  }
  const mayBeRead = new Set(['digits-512k-valid.csv', 'header-cell-20mb.csv', 'crlf-mixed.csv', 'many-empty-lines.csv', 'spaces-only-line.csv']);
  const hostileRead = [...read].filter((f) => !f.includes('--') && !mayBeRead.has(f));
  assert.deepEqual(hostileRead, []);
});

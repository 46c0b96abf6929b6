import { writeFileSync } from 'node:fs';
import { formatCsv } from '../core/data/csv';
import { makeMoons } from '../core/data/moons';
import { EXIT_OK, type CliIo } from './cliIo';
import { DATASET_HELP } from './help';
import { MOONS_OPTIONS, parseMoonsFlags } from './moonsFlags';
import { parseFlags } from './parseFlags';
import { UsageError } from './usageError';

/** The flags `optlab dataset moons` parses (DATASET_HELP lists the same; test/unit/cli/help.test.ts checks). */
export const DATASET_OPTIONS = {
  out: { type: 'string' },
  ...MOONS_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

/** `optlab dataset moons [--out FILE] ...`: the notebook's moons as CSV (x1,x2,y). */
export async function runDatasetCommand(args: string[], io: CliIo): Promise<number> {
  const [kind, ...rest] = args;
  // Nothing on stdout for the mistake: `optlab dataset > moons.csv` must not fill the file with help.
  if (kind === undefined) throw new UsageError("say which data set to write: 'optlab dataset moons --out FILE' (see 'optlab dataset --help')");
  if (kind === '--help' || kind === '-h') {
    io.out(DATASET_HELP);
    return EXIT_OK;
  }
  if (kind !== 'moons') throw new UsageError(`unknown data set '${kind}': the only built-in data set is 'moons'`);
  const { values: v } = parseFlags(rest, DATASET_OPTIONS, 'dataset');
  if (v.help) {
    io.out(DATASET_HELP);
    return EXIT_OK;
  }
  const { samples, noise, dataSeed: seed } = parseMoonsFlags(v);
  const { X, Y } = makeMoons(samples, noise, seed);
  const csv = formatCsv(X, Y);
  if (v.out === undefined || v.out === '-') {
    io.out(csv);
    return EXIT_OK;
  }
  try {
    writeFileSync(v.out, csv);
  } catch (e) {
    throw new UsageError(`cannot write ${v.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  io.err(`Wrote ${samples} examples (noise ${noise}, seed ${seed}) to ${v.out}\n`);
  return EXIT_OK;
}

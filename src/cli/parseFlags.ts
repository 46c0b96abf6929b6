import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usageError';

/** A value that starts with a dash but is a number (`-1`, `-.5`, `-1e-3`, `-Infinity`), not another flag. */
const NEGATIVE_NUMBER = /^-(?:\d|\.\d|inf|nan)/i;

/** Node's parseArgs, with its errors turned into UsageErrors that say what to do. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args: attachNegativeValues(args, options), options, strict: true, allowPositionals: false });
  } catch (e) {
    // Node's messages span lines ("... is ambiguous.\nTo specify an option argument starting with
    // a dash use '--learning-rate=-XYZ'."): keep every hint, on one line.
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
    throw new UsageError(`${message} (see 'optlab ${command} --help')`);
  }
}

/**
 * `--learning-rate -1` as `--learning-rate=-1`: parseArgs calls a value that starts with a dash
 * ambiguous, so a negative number never reached the flag's own check ("must be a number > 0, got -1").
 * Only values that read as numbers, after flags that take a value, are joined.
 *
 * @example
 * attachNegativeValues(['--seed', '-3', '-h'], { seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } }); // ['--seed=-3', '-h']
 */
export function attachNegativeValues(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const takesValue = (arg: string): boolean => {
    const long = /^--([^=]+)$/.exec(arg);
    if (long) return options[long[1]!]?.type === 'string';
    const short = /^-([^-])$/.exec(arg);
    return short !== null && Object.values(options).some((o) => o.short === short[1] && o.type === 'string');
  };
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (next !== undefined && NEGATIVE_NUMBER.test(next) && takesValue(arg)) {
      out.push(arg.startsWith('--') ? `${arg}=${next}` : `${arg}${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

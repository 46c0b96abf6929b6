import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usageError';

/** Node's parseArgs, with its errors turned into UsageErrors that say what to do. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (e) {
    // Node's messages span lines ("... is ambiguous.\nTo specify an option argument starting with
    // a dash use '--learning-rate=-XYZ'."): keep every hint, on one line.
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
    throw new UsageError(`${message} (see 'optlab ${command} --help')`);
  }
}

import { DatasetError } from '../core/data/datasetError';
import { runCheckCommand } from './check';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';
import { runDatasetCommand } from './datasetCommand';
import { MAIN_HELP } from './help';
import { runTrainCommand } from './trainCommand';
import { UsageError } from './usageError';

const COMMANDS: Readonly<Record<string, (args: string[], io: CliIo) => Promise<number>>> = {
  train: runTrainCommand,
  dataset: runDatasetCommand,
  check: runCheckCommand,
};

/**
 * Runs one optlab command line. Every failure becomes a one-line message on stderr and an exit
 * code (2 for usage and unreadable input, 1 otherwise), never a stack trace.
 */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === undefined) {
      io.err(MAIN_HELP);
      return EXIT_USAGE;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(MAIN_HELP);
      return EXIT_OK;
    }
    const run = COMMANDS[command];
    if (run === undefined) throw new UsageError(`unknown command '${command}': use train, dataset or check (see 'optlab --help')`);
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof DatasetError) {
      io.err(`optlab: ${oneLine(e.message)}\n`);
      return EXIT_USAGE;
    }
    io.err(`optlab: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return EXIT_FAILURE;
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

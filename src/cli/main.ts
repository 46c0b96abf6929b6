// Entry of the `optlab` command (dist/cli.js, package.json "bin").
import type { CliIo } from './cliIo';
import { runCli } from './runCli';
import { terminalProgress } from './terminalProgress';

// `optlab train --json | head -c 100` closes the pipe early: end quietly, not with an EPIPE trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
if (process.stderr.isTTY) io.progress = terminalProgress;

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`optlab: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);

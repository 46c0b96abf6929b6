import { SingleBar } from 'cli-progress';
import type { Progress } from './cliIo';

/** cli-progress bar on stderr; it redraws synchronously inside update(), which a synchronous training loop needs. */
export function terminalProgress(label: string, total: number): Progress {
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label.padEnd(8)} [{bar}] {percentage}% | epoch {value}/{total} | {duration_formatted}`,
    barCompleteChar: '#',
    barIncompleteChar: '-',
    hideCursor: true,
    clearOnComplete: true,
    synchronousUpdate: true,
    fps: 20,
  });
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}

/** A progress display for one training run. */
export interface Progress {
  /** Epochs done so far. */
  update(done: number): void;
  /** Removes the display. */
  stop(): void;
}

/** Where a command writes, so the commands run the same in a process and in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** A progress display, only when stderr is a terminal. */
  progress?(label: string, total: number): Progress;
}

/** Exit codes: 0 ok, 1 the work failed, 2 usage or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

// Everything the runners start registers its teardown here, so that every way out of the process
// (normal end, failure, global timeout, Ctrl-C, SIGTERM from CI) stops it. Nothing is left behind.

type Teardown = () => Promise<void> | void;

const teardowns: Teardown[] = [];
let tearingDown: Promise<void> | undefined;

/** Registers a teardown; the returned function unregisters it (after a clean stop). */
export function onCleanup(teardown: Teardown): () => void {
  teardowns.push(teardown);
  return () => {
    const index = teardowns.indexOf(teardown);
    if (index >= 0) teardowns.splice(index, 1);
  };
}

/** Runs every registered teardown once, newest first; errors are reported, not thrown. */
export function cleanupAll(): Promise<void> {
  tearingDown ??= (async () => {
    while (teardowns.length > 0) {
      const teardown = teardowns.pop();
      try {
        await teardown?.();
      } catch (error) {
        console.error(`cleanup failed: ${String(error)}`);
      }
    }
  })();
  return tearingDown;
}

/**
 * Makes the process exit with `code` after cleaning up, within `graceMs` even if a teardown hangs.
 */
export async function exitAfterCleanup(code: number, graceMs = 15_000): Promise<never> {
  const force = setTimeout(() => process.exit(code), graceMs);
  force.unref();
  await cleanupAll();
  process.exit(code);
}

/**
 * Installs signal handlers and a global deadline: the run can never hang longer than `globalTimeoutMs`.
 */
export function guardProcess(globalTimeoutMs: number, what: string): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${what}: received ${signal}, stopping everything it started`);
      void exitAfterCleanup(130);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(`${what}: ${error.stack ?? String(error)}`);
    void exitAfterCleanup(1);
  });
  process.on('unhandledRejection', (reason) => {
    console.error(`${what}: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
    void exitAfterCleanup(1);
  });
  const deadline = setTimeout(() => {
    console.error(`${what}: global timeout of ${Math.round(globalTimeoutMs / 1000)} s reached, stopping`);
    void exitAfterCleanup(124);
  }, globalTimeoutMs);
  deadline.unref();
}

// Runs a configured mocha instance and records every test (with its console output) as TestResult,
// for the integration entry in the extension host and for the e2e runner alike.
import type Mocha from 'mocha';
import type { TestResult } from './testResults';

export function errorOf(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) return { message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { message: String(error) };
}

/** Mirrors console output into the current test's record while still printing it. */
function captureConsole(sink: () => string[] | undefined): () => void {
  const methods = ['log', 'info', 'warn', 'error'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((method, i) => {
    console[method] = (...args: unknown[]): void => {
      sink()?.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      originals[i]?.apply(console, args);
    };
  });
  return () => methods.forEach((method, i) => (console[method] = originals[i] as Console['log']));
}

export async function runMocha(mocha: Mocha): Promise<TestResult[]> {
  const tests: TestResult[] = [];
  let currentOutput: string[] | undefined;
  const restoreConsole = captureConsole(() => currentOutput);
  try {
    await new Promise<void>((resolveRun) => {
      const runner = mocha.run(() => resolveRun());
      runner.on('test', () => (currentOutput = []));
      runner.on('hook', () => (currentOutput ??= []));
      const record = (test: Mocha.Runnable, state: TestResult['state'], error?: unknown): void => {
        tests.push({
          fullTitle: test.fullTitle(),
          file: test.file ?? '',
          state,
          durationMs: test.duration ?? 0,
          output: currentOutput ?? [],
          ...(error === undefined ? {} : { error: errorOf(error) }),
        });
        currentOutput = undefined;
      };
      runner.on('pass', (test) => record(test, 'passed'));
      runner.on('fail', (test, error) => record(test, 'failed', error));
      runner.on('pending', (test) => record(test, 'pending'));
    });
  } finally {
    restoreConsole();
  }
  return tests;
}

export function statsOf(tests: readonly TestResult[], started: number, fatal: boolean): {
  passes: number; failures: number; pending: number; durationMs: number;
} {
  return {
    passes: tests.filter((t) => t.state === 'passed').length,
    failures: tests.filter((t) => t.state === 'failed').length + (fatal ? 1 : 0),
    pending: tests.filter((t) => t.state === 'pending').length,
    durationMs: Date.now() - started,
  };
}

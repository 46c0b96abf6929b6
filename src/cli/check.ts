import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Checker } from '../checker/checker';
import { mistakeById } from '../checker/mistakes/catalogue';
import { notebookToSource, type NotebookSource } from '../checker/notebookSource';
import { GRADED_FUNCTIONS, PythonUnavailableError, type CheckResult, type CheckStatus, type FunctionReport } from '../checker/types';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';

export const CHECK_HELP = `Usage: optlab check FILE [options]

Runs the notebook's test cases, and more, on the graded functions found in FILE (.py, or the code cells
of an .ipynb notebook): update_parameters_with_gd, random_mini_batches, initialize_velocity,
update_parameters_with_momentum, initialize_adam, update_parameters_with_adam, and the newer editions'
update_lr and schedule_lr_decay. Only those functions (and
the imports they use) run; the rest of the file does not. A failing check names the first differing value
and, when it recognises one, the mistake (its id, title and a hint).

Options:
      --python PATH     Python interpreter with numpy (default: python3)
      --timeout S       time limit of each call of a function, in seconds (10)
      --memory-mb N     memory the functions may use, in MiB (1024)
      --json            print {"functions": [{"name", "line", "status", "checks": [{"case", "status",
                        "message", "mistake", "title", "hint", "line"}]}]}
  -h, --help            this help

Exit codes: 0 every function found passes, 1 a function fails, raises or times out,
2 the file cannot be read or Python/numpy cannot be used.
`;

const PROCESS_IO: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const MARK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', error: '!', timeout: '⏱' };

interface CheckOptions {
  file: string;
  pythonPath: string;
  timeoutMs: number;
  memoryLimitMb: number;
  json: boolean;
}

class CheckUsageError extends Error {}

function parseCheckArgs(args: string[]): CheckOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        python: { type: 'string' },
        timeout: { type: 'string' },
        'memory-mb': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new CheckUsageError(`${e instanceof Error ? e.message.split('\n')[0] : String(e)} (see 'optlab check --help')`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new CheckUsageError(`optlab check needs exactly one FILE (.py or .ipynb), got ${positionals.length} (see 'optlab check --help')`);
  }
  const timeout = values.timeout === undefined ? 10 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new CheckUsageError(`--timeout must be a positive number of seconds, got '${values.timeout}'`);
  const memory = values['memory-mb'] === undefined ? 1024 : Number(values['memory-mb']);
  if (!Number.isInteger(memory) || memory < 64) throw new CheckUsageError(`--memory-mb must be an integer of at least 64, got '${values['memory-mb']}'`);
  return {
    file: positionals[0]!,
    pythonPath: values.python ?? (process.platform === 'win32' ? 'python' : 'python3'),
    timeoutMs: Math.round(timeout * 1000),
    memoryLimitMb: memory,
    json: values.json ?? false,
  };
}

/** The source to check and, for a notebook, the map back to its cells. */
function readLearnerFile(file: string): { source: string; notebook?: NotebookSource } {
  const text = readFileSync(file, 'utf8');
  if (file.toLowerCase().endsWith('.ipynb')) {
    const notebook = notebookToSource(text);
    return { source: notebook.source, notebook };
  }
  return { source: text };
}

function where(line: number, notebook: NotebookSource | undefined): string {
  const cell = notebook?.lineMap[line - 1];
  return cell ? `cell ${cell.cell + 1}, line ${cell.line}` : `line ${line}`;
}

function describeCheck(check: CheckResult, notebook: NotebookSource | undefined): string {
  let text = `    ${MARK[check.status]} ${check.case}: ${check.message}`;
  if (notebook && check.learnerLine !== undefined) text += ` [${where(check.learnerLine, notebook)}]`;
  if (check.mistake) {
    const title = check.title ?? mistakeById(check.mistake)?.title ?? check.mistake;
    const at = check.mistakeLine !== undefined && check.learnerLine === undefined ? `, ${where(check.mistakeLine, notebook)}` : '';
    text += `\n      mistake: ${title} (${check.mistake}${at})\n      hint: ${check.hint ?? ''}`;
  }
  return text + '\n';
}

/** The readable report: one line per function, the failing checks under it, a summary line. */
export function formatReport(file: string, reports: readonly FunctionReport[], notebook?: NotebookSource): string {
  if (reports.length === 0) {
    return `${file}: none of the graded functions (${GRADED_FUNCTIONS.join(', ')}) is defined at the top level.\n`;
  }
  let out = '';
  for (const r of reports) {
    const passed = r.checks.filter((c) => c.status === 'pass').length;
    const summary =
      r.status === 'pass' ? `${passed}/${r.checks.length} checks passed` : `${r.checks.length - passed} of ${r.checks.length} checks did not pass`;
    out += `${MARK[r.status]} ${r.name} (${where(r.line, notebook)}): ${summary}\n`;
    const shown = new Set<string>();
    let alike = 0;
    for (const c of r.checks.filter((x) => x.status !== 'pass')) {
      // The same mistake on every case says nothing new after the first.
      const key = c.mistake !== null ? `mistake ${c.mistake}` : `${c.status} ${c.message.replace(/[-\d.e]+/g, '#')}`;
      if (shown.has(key)) {
        alike++;
        continue;
      }
      shown.add(key);
      out += describeCheck(c, notebook);
    }
    if (alike > 0) out += `    (the same on ${alike} more case${alike === 1 ? '' : 's'})\n`;
  }
  const count = (s: CheckStatus) => reports.filter((r) => r.status === s).length;
  const parts = (['pass', 'fail', 'error', 'timeout'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s === 'pass' ? 'passed' : s === 'fail' ? 'failed' : s === 'error' ? 'raised an error' : 'timed out'}`);
  return out + `\n${file}: ${parts.join(', ')} (${reports.length} function${reports.length === 1 ? '' : 's'})\n`;
}

/** The JSON shape of `optlab check --json`. */
export function reportJson(reports: readonly FunctionReport[]): string {
  const functions = reports.map((r) => ({
    name: r.name,
    line: r.line,
    status: r.status,
    checks: r.checks.map((c) => ({
      case: c.case,
      status: c.status,
      message: c.message,
      mistake: c.mistake,
      title: c.title ?? null,
      hint: c.hint,
      line: c.learnerLine ?? c.mistakeLine ?? null,
    })),
  }));
  return JSON.stringify({ functions }, null, 2) + '\n';
}

/** `optlab check FILE [--python PATH] [--json] [--timeout S]`; resolves to the exit code. */
export async function runCheckCommand(args: string[], io: CliIo = PROCESS_IO): Promise<number> {
  let options: CheckOptions | 'help';
  try {
    options = parseCheckArgs(args);
  } catch (e) {
    io.err(`optlab check: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  if (options === 'help') {
    io.out(CHECK_HELP);
    return EXIT_OK;
  }
  let learner: { source: string; notebook?: NotebookSource };
  try {
    learner = readLearnerFile(options.file);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e);
    io.err(`optlab check: cannot read ${options.file}: ${reason}\n`);
    return EXIT_USAGE;
  }
  const checker = new Checker({ pythonPath: options.pythonPath, timeoutMs: options.timeoutMs, memoryLimitMb: options.memoryLimitMb });
  try {
    const reports = await checker.checkSource(learner.source);
    io.out(options.json ? reportJson(reports) : formatReport(options.file, reports, learner.notebook));
    return reports.every((r) => r.status === 'pass') ? EXIT_OK : EXIT_FAILURE;
  } catch (e) {
    if (e instanceof PythonUnavailableError) {
      io.err(`optlab check: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  } finally {
    checker.dispose();
  }
}

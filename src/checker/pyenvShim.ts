import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';

// pyenv's `python3` is a shell script that runs `pyenv exec python3`: several more bash processes that
// cost 0.5 s (an idle machine) to 1.2 s (a busy one) before Python itself starts, more than Python and
// numpy take. For the first check of a process (the `optlab check` command always) the checker reads
// pyenv's choice the way pyenv makes it and starts that interpreter directly. Anything unusual
// (`system`, a version that is not installed under that exact name, a non-pyenv launcher) leaves the
// shim in charge.

/** The interpreter a pyenv shim would run, and the environment `pyenv exec` would give it. */
export interface ShimTarget {
  executable: string;
  /** PATH with the version's bin directory in front, and PYENV_VERSION, as `pyenv exec` sets them. */
  env: Record<string, string>;
}

export interface ShimEnvironment {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return isFile(path);
  } catch {
    return false;
  }
}

/** The first file named `command` on PATH, as a shell would find it. */
function onPath(command: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(isAbsolute(dir) ? dir : join(cwd, dir || '.'), command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The first version named in a pyenv version file (`pyenv version-file-read`): words, `#` comments skipped. */
function firstVersionIn(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').slice(0, 4096);
  } catch {
    return undefined;
  }
  for (const line of text.split(/\r?\n/)) {
    const word = line.trim().split(/\s+/)[0] ?? '';
    if (word !== '' && !word.startsWith('#')) return word;
  }
  return undefined;
}

/** `pyenv version-file`: the nearest `.python-version` from PYENV_DIR, then the working directory, up; else the global one. */
function versionFile(root: string, env: NodeJS.ProcessEnv, cwd: string): string {
  const starts = env.PYENV_DIR ? [env.PYENV_DIR, cwd] : [cwd];
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      const candidate = join(dir, '.python-version');
      if (isFile(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  return join(root, 'version');
}

/**
 * When `command` (a bare name like `python3`) is found on PATH as a pyenv shim, the interpreter pyenv would
 * run for it here; undefined when it is not a pyenv shim or pyenv's choice is not a plain installed version.
 */
export function resolvePyenvShim(command: string, { env, cwd }: ShimEnvironment): ShimTarget | undefined {
  if (command.includes('/') || command.includes('\\') || process.platform === 'win32') return undefined;
  const found = onPath(command, env, cwd);
  if (found === undefined) return undefined;
  const shims = dirname(found);
  const root = dirname(shims);
  if (!shims.endsWith(`${'/'}shims`) || !isFile(join(root, 'libexec', 'pyenv'))) return undefined;
  try {
    if (!readFileSync(found, 'utf8').slice(0, 2000).includes('pyenv" exec')) return undefined;
  } catch {
    return undefined;
  }
  const version = env.PYENV_VERSION ? env.PYENV_VERSION.split(':')[0] : firstVersionIn(versionFile(root, env, cwd));
  if (version === undefined || version === '' || version === 'system' || version === '..' || version.includes('/')) return undefined;
  const bin = join(root, 'versions', version, 'bin');
  const executable = join(bin, command);
  if (!isExecutable(executable)) return undefined;
  return { executable, env: { PATH: `${bin}${delimiter}${env.PATH ?? ''}`, PYENV_VERSION: env.PYENV_VERSION ?? version } };
}

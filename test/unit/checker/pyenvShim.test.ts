import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { resolvePyenvShim } from '../../../src/checker/pyenvShim';

// A fake pyenv installation: root/libexec/pyenv, root/shims/python3 (a shim script like pyenv's), installed
// versions under root/versions, and a project directory with or without a .python-version file.
const base = mkdtempSync(join(tmpdir(), 'optlab-pyenv-'));
after(() => rmSync(base, { recursive: true, force: true }));

function executable(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

const root = join(base, 'pyenv');
const SHIM = `#!/usr/bin/env bash\nset -e\nprogram="\${0##*/}"\nexport PYENV_ROOT="${root}"\nexec "${root}/libexec/pyenv" exec "$program" "$@"\n`;
executable(join(root, 'libexec', 'pyenv'), '#!/bin/sh\n');
executable(join(root, 'shims', 'python3'), SHIM);
executable(join(root, 'versions', '3.11.7', 'bin', 'python3'), '#!/bin/sh\n');
executable(join(root, 'versions', '3.10.2', 'bin', 'python3'), '#!/bin/sh\n');
mkdirSync(join(root, 'versions', '3.9.0', 'bin'), { recursive: true }); // a version without python3
writeFileSync(join(root, 'version'), '3.11.7\n');
const project = join(base, 'project', 'src');
mkdirSync(project, { recursive: true });
const plainBin = join(base, 'bin');
executable(join(plainBin, 'python3'), '#!/bin/sh\n');

const PATH = [join(base, 'empty'), join(root, 'shims'), plainBin].join(delimiter);

describe('resolvePyenvShim', () => {
  it("finds the global version when no .python-version applies, with pyenv exec's PATH and PYENV_VERSION", () => {
    const target = resolvePyenvShim('python3', { env: { PATH }, cwd: project });
    assert.deepEqual(target, {
      executable: join(root, 'versions', '3.11.7', 'bin', 'python3'),
      env: { PATH: `${join(root, 'versions', '3.11.7', 'bin')}${delimiter}${PATH}`, PYENV_VERSION: '3.11.7' },
    });
  });

  it('prefers the nearest .python-version above the working directory (comments and blank lines skipped)', () => {
    writeFileSync(join(base, 'project', '.python-version'), '# pinned\n\n3.10.2 \n3.11.7\n');
    try {
      assert.equal(resolvePyenvShim('python3', { env: { PATH }, cwd: project })?.executable, join(root, 'versions', '3.10.2', 'bin', 'python3'));
    } finally {
      rmSync(join(base, 'project', '.python-version'));
    }
  });

  it('prefers PYENV_VERSION over every file', () => {
    assert.equal(resolvePyenvShim('python3', { env: { PATH, PYENV_VERSION: '3.10.2:3.11.7' }, cwd: project })?.executable, join(root, 'versions', '3.10.2', 'bin', 'python3'));
  });

  it('leaves the shim in charge when pyenv would do more than pick an installed version', () => {
    for (const version of ['system', '3.11', '3.9.0', '../3.11.7']) {
      assert.equal(resolvePyenvShim('python3', { env: { PATH, PYENV_VERSION: version }, cwd: project }), undefined, version);
    }
  });

  it('does nothing for a path, a command that is not a pyenv shim, or one not on PATH', () => {
    assert.equal(resolvePyenvShim(join(root, 'shims', 'python3'), { env: { PATH }, cwd: project }), undefined);
    assert.equal(resolvePyenvShim('python3', { env: { PATH: [plainBin, join(root, 'shims')].join(delimiter) }, cwd: project }), undefined);
    assert.equal(resolvePyenvShim('python3.12', { env: { PATH }, cwd: project }), undefined);
  });
});

// `npm start`: build, then open the extension (from this folder, as a development host) on a sample workspace.
// With the desktop `code` on PATH it opens VS Code; otherwise it starts the code-server build of VS Code 1.100
// (installed by scripts/code-server/setup.sh) and prints the address to open in a browser.
//
//   npm start [-- --code-server] [-- --port 8080]
// The sample workspace is a copy of test/fixtures/workspace in .vscode-test/sample-workspace, so that
// experiments never change the test fixtures; delete the folder to start over.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { URLSearchParams } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { 'code-server': { type: 'boolean' }, port: { type: 'string' } } });

function step(what, command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm start: ${what} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function portIsFree(port) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

async function choosePort() {
  if (values.port) return Number(values.port);
  for (let port = 8080; port < 8100; port++) if (await portIsFree(port)) return port;
  throw new Error('no free port between 8080 and 8099: pass --port');
}

step('build', process.execPath, ['esbuild.mjs']);
const workspace = join(root, '.vscode-test', 'sample-workspace');
if (!existsSync(workspace)) {
  mkdirSync(join(root, '.vscode-test'), { recursive: true });
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
}

if (onPath('code') && !values['code-server']) {
  console.log(`Opening VS Code on ${workspace} with the extension under development.`);
  step('code', 'code', ['--new-window', `--extensionDevelopmentPath=${root}`, workspace]);
  process.exit(0);
}

step('code-server setup', 'bash', [join(root, 'scripts', 'code-server', 'setup.sh')]);
const port = await choosePort();
const dataDir = join(root, '.vscode-test', 'start');
mkdirSync(join(dataDir, 'user-data'), { recursive: true });
const entry = join(root, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const server = spawn(
  process.execPath,
  [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', join(dataDir, 'user-data'),
    '--extensions-dir', join(dataDir, 'extensions'), '--disable-telemetry', '--disable-update-check'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));

const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]]);
const url = `http://127.0.0.1:${port}/?${new URLSearchParams({ folder: workspace, payload })}`;
console.log(`\nOptimization Lab runs in VS Code (code-server) on ${workspace}.\nOpen this address in a browser (Ctrl+C stops the server):\n\n  ${url}\n`);
console.log('Then press F1 and type "Optimization Lab" to see the commands. The extension reloads from dist/ on a window reload.');

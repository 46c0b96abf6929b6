import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TrainJson } from '../../../src/cli/trainCommand';
import { defaultFixtures, matrixFixtures, maxRelativeError, type TrainingFixture } from '../core/trainerFixtures';
import { optlab } from './runOptlab';

// numpy's model(decay=...) (scripts/make_training_fixtures.py): gd, lr 0.1, 300 epochs, cost every 10.
const decayFixture = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'training', 'decay.json'), 'utf8')) as Record<string, { costs: number[] }>)['schedule_lr_decay']!;
const tmp = mkdtempSync(join(tmpdir(), 'optlab-cli-'));

/** numpy's .npy format (v1.0, little-endian float64, C order), as np.save writes it. */
function npyBytes(rows: number, cols: number, data: readonly number[]): Buffer {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), Buffer.from(new Float64Array(data).buffer)]);
}

function parseJson(stdout: string): Record<string, TrainJson> {
  return JSON.parse(stdout) as Record<string, TrainJson>;
}

/** The optlab flags that reproduce a numpy fixture's configuration on the built-in moons. */
function flagsOf(f: TrainingFixture): string[] {
  const [, samples, noise, seed] = /^moons-(\d+)-([\d.]+)-(\d+)$/.exec(f.dataset)!;
  const c = f.config;
  return [
    ...['--samples', samples!, '--noise', noise!, '--data-seed', seed!],
    ...['--optimizer', c.optimizer, '--layers', c.layersDims.join(','), '--learning-rate', String(c.learningRate)],
    ...['--mini-batch-size', String(c.miniBatchSize), '--beta', String(c.beta), '--beta1', String(c.beta1)],
    ...['--beta2', String(c.beta2), '--epsilon', String(c.epsilon), '--epochs', String(c.numEpochs)],
    ...['--seed', String(c.seed), '--init-seed', String(c.initSeed), '--record-every', String(c.recordEvery)],
    ...['--print-every', String(c.printEvery), '--json'],
  ];
}

describe('optlab train', () => {
  it("with no arguments trains all three optimizers, prints the notebook's lines and its summary table", () => {
    const r = optlab('train');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'no progress bar without a terminal');
    const sections = r.stdout.split('\n\n');
    assert.match(sections[0]!, /^Gradient descent \(gd\): 10000 epochs on moons/);
    assert.match(sections[0]!, /\nCost after epoch 0: 0\.690736\n/);
    assert.match(sections[0]!, /\nCost after epoch 9000: \d\.\d{6}\n/);
    assert.match(sections[0]!, /\nAccuracy: 0\.7967\n/);
    assert.match(sections[1]!, /^Momentum \(momentum\):[\s\S]*\nAccuracy: 0\.7967\n/);
    assert.match(sections[2]!, /^Adam \(adam\):[\s\S]*\nAccuracy: 0\.9400\n/);
    const table = sections[3]!.split('\n');
    assert.match(table[0]!, /^optimization method \| accuracy \| cost shape$/);
    assert.match(table[2]!, /^Gradient descent +\| 79\.7% +\| oscillations \(oscillation 0\.\d\d\)$/);
    assert.match(table[3]!, /^Momentum +\| 79\.7% +\| oscillations/);
    assert.match(table[4]!, /^Adam +\| 94% +\| smoother/);
  });

  it('--json with defaults: accuracies 0.7967 / 0.7967 / 0.94 and numpy\'s costs', () => {
    const r = optlab('train', '--json');
    assert.equal(r.status, 0, r.stderr);
    const json = parseJson(r.stdout);
    assert.deepEqual(Object.keys(json), ['gd', 'momentum', 'adam']);
    for (const [name, expected] of [['gd', '0.7967'], ['momentum', '0.7967'], ['adam', '0.9400']] as const) {
      const run = json[name]!;
      assert.equal(run.accuracy.toFixed(4), expected);
      assert.equal(run.costs.length, 100);
      assert.equal(run.printed_costs.length, 10);
      assert.ok(run.seconds > 0);
      // The built-in moons equal numpy's to an ulp (libm cos/sin), so costs agree far below 1e-6.
      assert.ok(maxRelativeError(run.costs, defaultFixtures[name].costs) < 1e-9, `${name} costs`);
      assert.ok(maxRelativeError(run.printed_costs, defaultFixtures[name].printed_costs) < 1e-9);
    }
  });

  // Every flag, against numpy's own loop (scripts/make_training_fixtures.py) on the same moons.
  const fromFlags = matrixFixtures.filter((f) => f.config.layersDims[0] === 2 && f.config.numEpochs <= 300 && f.dataset.startsWith('moons-'));
  for (const fixture of fromFlags.filter((f, i) => i % 3 === 0 || /batch1|moons|layers|eps/.test(f.name ?? ''))) {
    it(`--json equals numpy for ${fixture.name}`, () => {
      const r = optlab('train', ...flagsOf(fixture));
      assert.equal(r.status, 0, r.stderr);
      const run = parseJson(r.stdout)[fixture.config.optimizer]!;
      assert.ok(maxRelativeError(run.costs, fixture.costs) < 1e-6, `costs differ by ${maxRelativeError(run.costs, fixture.costs)}`);
      assert.ok(maxRelativeError(run.printed_costs, fixture.printed_costs) < 1e-6);
      assert.equal(run.accuracy, fixture.accuracy);
    });
  }

  it('several --optimizer values train in order, repeated or comma-separated', () => {
    const r = optlab('train', '-o', 'adam,gd', '--optimizer', 'adam', '--epochs', '3', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(Object.keys(parseJson(r.stdout)), ['adam', 'gd']);
  });

  it('trains every optimizer of the registry with the same --json shape, their flags applied', () => {
    const r = optlab('train', '-o', 'rmsprop,nesterov,adamw,amsgrad', '--epochs', '20', '--record-every', '5', '--json');
    assert.equal(r.status, 0, r.stderr);
    const json = parseJson(r.stdout);
    assert.deepEqual(Object.keys(json), ['rmsprop', 'nesterov', 'adamw', 'amsgrad']);
    for (const run of Object.values(json)) {
      assert.deepEqual(Object.keys(run).sort(), ['accuracy', 'costs', 'printed_costs', 'seconds']);
      assert.equal(run.costs.length, 4);
    }
    // --weight-decay reaches AdamW (and only changes its numbers), --alpha reaches RMSProp.
    const decayed = parseJson(optlab('train', '-o', 'adamw,rmsprop', '--epochs', '20', '--weight-decay', '5', '--alpha', '0.5', '--json').stdout);
    assert.notDeepEqual(decayed['adamw']!.costs, json['adamw']!.costs);
    assert.notDeepEqual(decayed['rmsprop']!.costs, json['rmsprop']!.costs);
  });

  it('a diverging run says where and why on stderr, keeps its output, and exits 1', () => {
    const r = optlab('train', '-o', 'adam', '--learning-rate', '1e6', '--epochs', '300');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /Cost after epoch 0: /);
    assert.match(r.stderr, /^Adam diverged at epoch \d+ \(cost (nan|inf)\): the learning rate 1000000 is too large for Adam/m);
    const json = optlab('train', '-o', 'adam,gd', '--learning-rate', '1e6', '--epochs', '300', '--json');
    assert.equal(json.status, 1);
    const parsed = parseJson(json.stdout);
    assert.match(parsed['adam']!.diverged?.cause ?? '', /too large for Adam/);
    assert.equal(typeof parsed['adam']!.diverged?.epoch, 'number');
  });

  it('--decay schedule_lr_decay gives numpy\'s model(decay=schedule_lr_decay) numbers', () => {
    const r = optlab('train', '-o', 'gd', '--epochs', '300', '--record-every', '10', '--learning-rate', '0.1', '--decay', 'schedule_lr_decay', '--decay-rate', '1', '--decay-interval', '100', '--json');
    assert.equal(r.status, 0, r.stderr);
    const ours = parseJson(r.stdout)['gd']!.costs;
    const expected = decayFixture.costs;
    assert.equal(ours.length, expected.length);
    ours.forEach((c, i) => assert.ok(Math.abs(c - expected[i]!) <= 1e-12 * Math.max(1, Math.abs(expected[i]!)), `epoch ${i * 10}: ${c} vs numpy ${expected[i]}`));
  });

  it('trains on a data-set file: CSV with or without header, JSON in the notebook shapes, an .npy pair', () => {
    const csv = join(tmp, 'moons.csv');
    assert.equal(optlab('dataset', 'moons', '--out', csv, '--samples', '40').status, 0);
    const text = readFileSync(csv, 'utf8');
    const headerless = join(tmp, 'headerless.csv');
    writeFileSync(headerless, text.split('\n').slice(1).join('\n'));
    const lines = text.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const json = join(tmp, 'moons.json');
    writeFileSync(json, JSON.stringify({ X: [lines.map((l) => l[0]), lines.map((l) => l[1])], Y: [lines.map((l) => l[2])] }));
    const builtIn = parseJson(optlab('train', '-o', 'adam', '--epochs', '50', '--samples', '40', '--record-every', '5', '--json').stdout).adam!;
    for (const file of [csv, headerless, json]) {
      const r = optlab('train', '-o', 'adam', '--epochs', '50', '--dataset', file, '--record-every', '5', '--json');
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(parseJson(r.stdout).adam!.costs, builtIn.costs, file);
    }
    const X = [lines.map((l) => l[0]!), lines.map((l) => l[1]!)].flat();
    writeFileSync(join(tmp, 'train_X.npy'), npyBytes(2, 40, X));
    writeFileSync(join(tmp, 'train_Y.npy'), npyBytes(1, 40, lines.map((l) => l[2]!)));
    for (const half of ['train_X.npy', 'train_Y.npy']) {
      const r = optlab('train', '-o', 'adam', '--epochs', '50', '--dataset', join(tmp, half), '--record-every', '5', '--json');
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(parseJson(r.stdout).adam!.costs, builtIn.costs, half);
    }
    writeFileSync(join(tmp, 'alone_X.npy'), npyBytes(2, 40, X));
    const alone = optlab('train', '--dataset', join(tmp, 'alone_X.npy'));
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /alone_X\.npy: .*alone_Y\.npy/);
    const human = optlab('train', '-o', 'gd', '--epochs', '2', '--dataset', csv);
    assert.match(human.stdout, /epochs on moons\.csv \(40 examples, 2 features\)/);
  });
});

describe('optlab errors: exit 2 and one line, never a stack trace', () => {
  const cases: [string[], RegExp][] = [
    [['train', '--bogus'], /^optlab: Unknown option '--bogus' \(see 'optlab train --help'\)$/],
    [['train', '--optimizer', 'sgd'], /^optlab: --optimizer must be one of gd, momentum, adam, rmsprop, nesterov, adamw, amsgrad, got 'sgd'$/],
    [['train', '--epochs', 'ten'], /^optlab: --epochs expects an integer, got 'ten'$/],
    [['train', '--epochs', '0'], /^optlab: --epochs must be an integer between 1 and 1,000,000, got 0$/],
    [['train', '--learning-rate=-1'], /^optlab: --learning-rate must be a finite number > 0, got -1$/],
    [['train', '--learning-rate', '-1'], /^optlab: --learning-rate must be a finite number > 0, got -1$/],
    [['train', '--beta1', '1'], /^optlab: --beta1 must be a number in \[0, 1\), got 1$/],
    [['train', '--layers', '2,x,1'], /^optlab: --layers expects at least two positive integers/],
    [['train', '--layers', '3,5,1'], /^optlab: --layers\[0\] must be the number of features in X \(2\), got 3$/],
    [['train', '--dataset', 'data.csv', '--noise', '0.1'], /--noise shapes the built-in moons set/],
    [['train', 'extra'], /^optlab: Unexpected argument 'extra'/],
    [['train', '--dataset', '/no/such/file.csv'], /^optlab: cannot read data set \/no\/such\/file\.csv: no such file$/],
    [['frobnicate'], /^optlab: unknown command 'frobnicate'/],
    [['train', '-o', 'rmsprop', '--alpha', '1'], /^optlab: --alpha must be a number in \[0, 1\), got 1$/],
    [['train', '-o', 'adamw', '--weight-decay=-0.5'], /^optlab: --weight-decay must be a finite number >= 0, got -0.5$/],
    [['train', '--decay-interval', '0'], /^optlab: --decay-interval must be an integer >= 1, got 0$/],
    [['dataset'], /^optlab: say which data set to write: 'optlab dataset moons --out FILE'/],
    [['dataset', 'spirals'], /^optlab: unknown data set 'spirals'/],
    [['dataset', 'moons', '--samples', '0'], /^optlab: --samples must be an integer between 1 and 1,000,000, got 0$/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), () => {
      const r = optlab(...args);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, message);
    });
  }

  const malformed: [string, string, RegExp][] = [
    ['bad-cell.csv', 'x1,x2,y\n0.1,0.2,1\n0.3,abc,0\n', /bad-cell\.csv:3:2: .*abc.* not a number/],
    ['ragged.csv', 'x1,x2,y\n0.1,0.2,1\n0.3,0\n', /ragged\.csv:3\b.*/],
    ['labels.csv', 'x1,x2,y\n0.1,0.2,1\n0.3,0.4,7\n', /labels\.csv:3\b/],
    ['broken.json', '{"X": [[1, 2]], "Y": [[0, 1]]', /broken\.json/],
    ['empty.csv', '', /empty\.csv: empty file/],
    ['table.xlsx', 'PK', /table\.xlsx: unknown data-set format/],
  ];
  for (const [name, content, message] of malformed) {
    it(`malformed data set ${name}`, () => {
      const file = join(tmp, name);
      writeFileSync(file, content);
      const r = optlab('train', '--dataset', file, '--epochs', '1');
      assert.equal(r.status, 2, r.stderr);
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, /^optlab: /);
      assert.match(lines[0]!, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  }
});

describe('optlab dataset, help', () => {
  it('dataset moons --out writes x1,x2,y CSV that reads back exactly', () => {
    const file = join(tmp, 'out.csv');
    const r = optlab('dataset', 'moons', '--out', file, '--samples', '25', '--noise', '0.1', '--data-seed', '7');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^Wrote 25 examples/);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'x1,x2,y');
    assert.equal(lines.length, 26);
    assert.ok(lines.slice(1).every((l) => /^-?[\d.e-]+,-?[\d.e-]+,[01]$/.test(l)), lines.join('\n'));
    assert.equal(optlab('dataset', 'moons', '--samples', '25', '--noise', '0.1', '--data-seed', '7').stdout, lines.join('\n') + '\n');
  });
  it('--help for the tool and for train; no command is a usage error', () => {
    const main = optlab('--help');
    assert.equal(main.status, 0);
    assert.match(main.stdout, /optlab train/);
    const train = optlab('train', '--help');
    assert.equal(train.status, 0);
    for (const flag of ['--optimizer', '--dataset', '--epochs', '--learning-rate', '--mini-batch-size', '--beta', '--beta1', '--beta2', '--epsilon', '--layers', '--samples', '--noise', '--data-seed', '--json']) {
      assert.ok(train.stdout.includes(flag), flag);
    }
    const none = optlab();
    assert.equal(none.status, 2);
    assert.match(none.stderr, /Usage:/);
  });
});

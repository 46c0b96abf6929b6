import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeMoons } from '../../../src/core/data/moons';
import { linspace } from '../../../src/core/linalg/linspace';
import { assertBitwise, assertMatrixClose, loadFixture, type Nested } from './numpyFixtures';

interface MoonsFixture {
  checked_against_sklearn: string | null;
  linspace: { start: number; stop: number; num: number; values: number[] }[];
  moons: { n: number; noise: number; seed: number; X: Nested; Y: Nested }[];
}
const fixture = loadFixture<MoonsFixture>('moons.json');

describe('linspace', () => {
  for (const { start, stop, num, values } of fixture.linspace) {
    it(`equals np.linspace(${start}, ${stop}, ${num}) bit for bit`, () => assertBitwise(linspace(start, stop, num), values));
  }
  it('rejects a negative count', () => assert.throws(() => linspace(0, 1, -1), /non-negative integer/));
});

describe('makeMoons against np.random.seed(s); make_moons(n, noise)', () => {
  for (const { n, noise, seed, X, Y } of fixture.moons) {
    it(`n=${n} noise=${noise} seed=${seed}: labels exact, points within 1e-12`, () => {
      const moons = makeMoons(n, noise, seed);
      // Points differ from numpy's by an ulp or two: cos/sin and the normals' log come from different libms.
      assertMatrixClose(moons.X, X, 0, 1e-12, 'X');
      assertMatrixClose(moons.Y, Y, 0, 0, 'Y');
    });
  }

  it('defaults to the notebook data set (300 points, noise 0.2, seed 3) with 150 of each label', () => {
    const { X, Y } = makeMoons();
    assertMatrixClose(X, fixture.moons[0]!.X, 0, 1e-12, 'X');
    assert.equal(Y.data.reduce((a, b) => a + b, 0), 150);
  });

  it('puts noiseless points on the two half circles', () => {
    const { X, Y } = makeMoons(9, 0, 1);
    for (let i = 0; i < 9; i++) {
      const [x, y] = [X.data[i]!, X.data[9 + i]!];
      const r = Y.data[i] === 0 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
      assert.ok(Math.abs(r - 1) < 1e-12, `point ${i} at radius ${r}`);
    }
  });

  it('rejects sizes and noise numpy would not make sense of', () => {
    assert.throws(() => makeMoons(0), /n_samples must be a positive integer/);
    assert.throws(() => makeMoons(2.5), /n_samples must be a positive integer/);
    assert.throws(() => makeMoons(10, -0.1), /noise must be a finite number/);
    assert.throws(() => makeMoons(10, Number.NaN), /noise must be a finite number/);
  });
});

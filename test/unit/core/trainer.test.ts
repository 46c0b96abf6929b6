import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toNested } from '../../../src/core/linalg/matrix';
import { train } from '../../../src/core/trainer/trainer';
import { defaultFixtures, fixtureDataset, matrixFixtures, maxRelativeError } from './trainerFixtures';

// numpy's BLAS may sum in another order (and use FMA); the training is not chaotic, so those
// 1e-16 differences stay near 1e-15 after 10 000 epochs. 1e-12 leaves room and still catches
// any real mistake (a wrong seed, batch or update changes costs at 1e-4 or more).
const COST_TOLERANCE = 1e-12;
const PARAMETER_TOLERANCE = 1e-10;

describe('train() against numpy (test/fixtures/training, scripts/make_training_fixtures.py)', () => {
  for (const fixture of matrixFixtures) {
    it(fixture.name ?? fixture.dataset, () => {
      const { X, Y } = fixtureDataset(fixture.dataset);
      const result = train(X, Y, { ...fixture.config });
      assert.ok(maxRelativeError(result.costs, fixture.costs) < COST_TOLERANCE, `costs differ: ${maxRelativeError(result.costs, fixture.costs)}`);
      assert.ok(maxRelativeError(result.printedCosts, fixture.printed_costs) < COST_TOLERANCE, 'printed costs differ');
      assert.equal(result.accuracy, fixture.accuracy);
      for (const [key, expected] of Object.entries(fixture.parameters)) {
        const actual = result.parameters[key];
        assert.ok(actual, `missing ${key}`);
        const err = maxRelativeError(toNested(actual).flat(), expected.flat());
        assert.ok(err < PARAMETER_TOLERANCE, `${key} differs by ${err}`);
      }
      assert.equal(result.epochsRun, fixture.config.numEpochs);
      assert.equal(result.stopped, false);
      assert.deepEqual(
        result.recordEpochs,
        result.costs.map((_, i) => i * fixture.config.recordEvery),
      );
    });
  }
});

describe("the notebook's three default runs (10 000 epochs)", () => {
  const expected = { gd: '0.7967', momentum: '0.7967', adam: '0.9400' };
  for (const optimizer of ['gd', 'momentum', 'adam'] as const) {
    it(`${optimizer}: costs equal numpy's, accuracy ${expected[optimizer]}`, () => {
      const fixture = defaultFixtures[optimizer];
      const { X, Y } = fixtureDataset(fixture.dataset);
      const result = train(X, Y, { ...fixture.config });
      assert.equal(result.costs.length, 100);
      assert.equal(result.printedCosts.length, 10);
      assert.ok(maxRelativeError(result.costs, fixture.costs) < COST_TOLERANCE, `costs differ: ${maxRelativeError(result.costs, fixture.costs)}`);
      assert.ok(maxRelativeError(result.printedCosts, fixture.printed_costs) < COST_TOLERANCE);
      assert.equal(result.accuracy, fixture.accuracy);
      assert.equal(result.accuracy.toFixed(4), expected[optimizer]);
      if (optimizer === 'gd') assert.equal(`Cost after epoch 0: ${result.printedCosts[0]!.toFixed(6)}`, 'Cost after epoch 0: 0.690736');
    });
  }
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { definedUpdates, loopFunctions, missingFunctions } from '../../../src/checker/training/learnerFunctions';

const fixture = (path: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', path), 'utf8');

describe('the functions training with the learner\'s own calls', () => {
  it("are the notebook model()'s, in the order it calls them", () => {
    assert.deepEqual(loopFunctions('gd'), ['random_mini_batches', 'update_parameters_with_gd']);
    assert.deepEqual(loopFunctions('momentum'), ['random_mini_batches', 'initialize_velocity', 'update_parameters_with_momentum']);
    assert.deepEqual(loopFunctions('adam'), ['random_mini_batches', 'initialize_adam', 'update_parameters_with_adam']);
  });

  it('names every one a file lacks: the checks\' fixture has only the two update functions', () => {
    const source = fixture('workspace/checks/optimizers.py');
    assert.deepEqual(definedUpdates(source), ['momentum', 'adam']);
    assert.deepEqual(missingFunctions(source, 'adam'), ['random_mini_batches', 'initialize_adam']);
    assert.deepEqual(missingFunctions(source, 'momentum'), ['random_mini_batches', 'initialize_velocity']);
  });

  it('finds none missing in a whole notebook, and counts only top-level definitions', () => {
    const whole = fixture('learner/correct_notebook_style.py');
    for (const optimizer of ['gd', 'momentum', 'adam'] as const) assert.deepEqual(missingFunctions(whole, optimizer), []);
    assert.deepEqual(missingFunctions(fixture('workspace/train/my_functions.py'), 'adam'), []);
    const nested = 'class Helpers:\n    def random_mini_batches(X, Y):\n        pass\n\ndef update_parameters_with_gd(parameters, grads, learning_rate):\n    return parameters\n';
    assert.deepEqual(missingFunctions(nested, 'gd'), ['random_mini_batches']);
  });
});

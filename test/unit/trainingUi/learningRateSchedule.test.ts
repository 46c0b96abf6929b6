import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSchedule, compileSchedule, ScheduleError } from '../../../src/extension/training/learningRateSchedule';

test("the newer edition's schedule_lr_decay, with its constants named in the expression", () => {
  const at = compileSchedule('decay_rate = 1; time_interval = 1000; lr0 / (1 + decay_rate * floor(epoch / time_interval))');
  // schedule_lr_decay(0.5, epoch, decay_rate=1, time_interval=1000) = 0.5 / (1 + floor(epoch / 1000))
  for (const epoch of [0, 999, 1000, 2500, 9999]) assert.equal(at(epoch, 0.5), 0.5 / (1 + Math.floor(epoch / 1000)));
});

test('exponential decay and conditionals evaluate as written', () => {
  assert.equal(compileSchedule('lr0 * 0.95 ^ (epoch / 1000)')(2000, 0.1), 0.1 * 0.95 ** 2);
  const step = compileSchedule('epoch < 100 ? lr0 : lr0 / 10');
  assert.deepEqual([step(99, 1), step(100, 1)], [1, 0.1]);
});

test('a syntax error names the character where the expression stops making sense', () => {
  assert.throws(() => compileSchedule('lr0 / (1 + '), (e: unknown) => {
    assert.ok(e instanceof ScheduleError);
    assert.equal(e.position, 11);
    assert.match(e.message, /Unexpected end of expression \(at character 12/);
    return true;
  });
});

test('unknown names are refused with their position and a hint', () => {
  assert.throws(() => compileSchedule('lr0 * decay'), (e: unknown) => {
    assert.ok(e instanceof ScheduleError);
    assert.equal(e.position, 6);
    assert.match(e.message, /unknown name "decay": use epoch, lr0, numbers, or name a constant first/);
    return true;
  });
});

test("mathjs' code-running functions and non-arithmetic nodes are refused", () => {
  for (const [expression, message] of [
    ['import({a: 1})', /function "import" is not allowed/],
    ['evaluate("1")', /function "evaluate" is not allowed/],
    ['createUnit("foo")', /function "createUnit" is not allowed/],
    ['parse("1")', /function "parse" is not allowed/],
    ['f(x) = x; f(lr0)', /function definitions are not allowed/],
    ['lr0 * [1, 2]', /arrays are not allowed/],
    ['lr0 * "a"', /only numbers are allowed/],
    ['epoch = 3; lr0', /"epoch" cannot be reassigned/],
  ] as const) {
    assert.throws(() => compileSchedule(expression), message, expression);
  }
});

test('checkSchedule tries the run\'s epochs: a rate that turns negative or infinite is reported before training', () => {
  assert.throws(() => checkSchedule('lr0 - epoch', 0.1, 10000), /gives -0\.9 at epoch 1; a learning rate must be a finite number > 0/);
  assert.throws(() => checkSchedule('lr0 / (5000 - epoch)', 0.1, 10000), /must be a finite number > 0/);
  assert.equal(checkSchedule('lr0', 0.1, 10)(5, 0.1), 0.1);
});

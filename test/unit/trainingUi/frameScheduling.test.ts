import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { coalesceToFrame, throttleToFrame } from '../../../webview/shared/frameScheduling';

// A hand-driven animation frame clock: frame() runs the callbacks requested before it.
let callbacks: (() => void)[] = [];
const frame = (): void => {
  const due = callbacks;
  callbacks = [];
  due.forEach((callback) => callback());
};
const original = globalThis.requestAnimationFrame;

describe('frame scheduling of the webviews', () => {
  beforeEach(() => {
    callbacks = [];
    globalThis.requestAnimationFrame = ((callback: () => void) => callbacks.push(callback)) as typeof requestAnimationFrame;
  });
  afterEach(() => {
    globalThis.requestAnimationFrame = original;
  });

  it('throttleToFrame sends the first change at once, a burst once more in the next frame, and a later change at once again', () => {
    let sent = 0;
    const send = throttleToFrame(() => sent++);
    send();
    assert.equal(sent, 1, 'the first change is not held back');
    send();
    send();
    assert.equal(sent, 1, 'changes within the frame wait');
    frame();
    assert.equal(sent, 2, 'one send for the burst, in the next frame');
    frame();
    assert.equal(sent, 2, 'nothing pending: nothing sent');
    send();
    assert.equal(sent, 3, 'after a quiet frame the next change goes at once');
  });

  it('coalesceToFrame holds every change for the next frame (the repaints)', () => {
    let painted = 0;
    const paint = coalesceToFrame(() => painted++);
    paint();
    paint();
    assert.equal(painted, 0);
    frame();
    assert.equal(painted, 1);
  });
});

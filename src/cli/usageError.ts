/** A mistake in how optlab was called or in the input it was given: exit code 2, one line, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

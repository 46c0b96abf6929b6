/** The middle of the measurements (the upper one of an even count): what the bench sections report. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

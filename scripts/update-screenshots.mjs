// Copies the screenshots that the end-to-end and integration tests took (test-output/screenshots/)
// into docs/screenshots/, where the README shows them. Run after `npm test` (or `npm run test:e2e`).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const from = join(root, 'test-output', 'screenshots');
const to = join(root, 'docs', 'screenshots');
const shown = [
  'train-with-adam.png',
  'compare-optimizers-boundaries.png',
  'training-exported-plots.png',
  'codelens-failing.png',
  'diagnostic-hover.png',
  'checks-notebook-codelens.png',
  'training-runs-view.png',
  'lab-controls.png',
  'lab-step.png',
  'lab-diverged.png',
  'lab-live.png',
  'my-functions-adam.png',
  'my-functions-departure.png',
];
mkdirSync(to, { recursive: true });
const missing = shown.filter((name) => !existsSync(join(from, name)));
if (missing.length > 0) {
  console.error(`update-screenshots: not taken yet: ${missing.join(', ')} (run npm test first)`);
  process.exit(1);
}
for (const name of shown) copyFileSync(join(from, name), join(to, name));
console.log(`update-screenshots: ${shown.length} screenshots copied to docs/screenshots/`);

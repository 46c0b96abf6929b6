// What a person does in the VS Code 1.100 workbench, as Playwright steps. The selectors are VS Code's own
// DOM classes (quick input, list rows, CodeLens, webview iframes); they are kept in this one file.
import type { FrameLocator, Locator, Page } from 'playwright-core';

const quickInput = '.quick-input-widget';
const quickInputBox = `${quickInput} .quick-input-box input`;
const quickInputRows = `${quickInput} .quick-input-list .monaco-list-row`;

/** Waits until the workbench has loaded the folder (the explorer lists it) and the extension host is up. */
export async function waitForWorkbench(page: Page, timeoutMs = 90_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
}

async function closeQuickInput(page: Page): Promise<void> {
  if (await page.locator(quickInput).isVisible()) {
    await page.keyboard.press('Escape');
    await page.locator(quickInput).waitFor({ state: 'hidden', timeout: 5_000 });
  }
}

const noMatches = /^No matching (commands|results)/;

/** Reads the listed rows until two reads a moment apart agree (the list fills and filters asynchronously). */
async function stableRowLabels(page: Page, timeoutMs: number): Promise<string[]> {
  const rows = page.locator(`${quickInputRows} .label-name`);
  const deadline = Date.now() + timeoutMs;
  let previous: string[] = [];
  for (;;) {
    await page.waitForTimeout(300);
    const labels = (await rows.allInnerTexts()).map((label) => label.replace(/\s+/g, ' ').trim());
    if ((labels.length > 0 && labels.join('\n') === previous.join('\n')) || Date.now() > deadline) return labels;
    previous = labels;
  }
}

/**
 * Opens the command palette (F1) and types `query`; returns the labels of the listed rows. Right after the
 * window opens, installed extensions' commands are not known yet ("No matching commands"): it asks again
 * until they are, for up to `timeoutMs`.
 */
export async function commandPaletteLabels(page: Page, query: string, timeoutMs = 30_000): Promise<string[]> {
  await closeQuickInput(page);
  await page.keyboard.press('F1');
  const input = page.locator(quickInputBox);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await input.fill(`>${query}`);
    const labels = await stableRowLabels(page, 10_000);
    const found = labels.filter((label) => !noMatches.test(label));
    if (found.length > 0 || Date.now() > deadline) return found;
    await input.fill('>');
  }
}

/**
 * Runs a command from the command palette by its full title, as a person would type it. Until the extension's
 * commands are known the palette fuzzy-matches other commands, so it asks again until the title is listed.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let labels = await commandPaletteLabels(page, title);
  while (!labels.includes(title) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    labels = await commandPaletteLabels(page, title);
  }
  const index = labels.findIndex((label) => label === title);
  if (index < 0) throw new Error(`"${title}" is not in the command palette; it lists: ${labels.join(' | ')}`);
  await page.locator(quickInputRows).nth(index).click();
  await page.locator(quickInput).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Opens a workspace file by clicking through the Explorer, as a person would. (Quick Open depends on the
 * file search process, which is slow to answer on a loaded machine; the Explorer only needs the file tree.)
 */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await closeQuickInput(page);
  const segments = relativePath.split('/');
  for (const [index, segment] of segments.entries()) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', {
      has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(segment)}$`) }),
    }).first();
    await row.waitFor({ timeout: 30_000 });
    const isFolder = index < segments.length - 1;
    if (isFolder && (await row.getAttribute('aria-expanded')) === 'true') continue;
    await row.click();
  }
  const fileName = segments[segments.length - 1] ?? relativePath;
  await page.locator('.tabs-container .tab', { hasText: fileName }).first().waitFor({ timeout: 30_000 });
}

/** CodeLens links of the active editor (their visible text includes codicons as icons, not text). */
export function codeLenses(page: Page): Locator {
  return page.locator('.editor-instance .monaco-editor .codelens-decoration a');
}

/** The text editor of the active editor group (the one a person last opened a file in or clicked). */
function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor');
}

/** Goes to a line of the active editor with Ctrl+G, as a person would; the line is scrolled into view. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await closeQuickInput(page);
  await page.keyboard.press('Control+G');
  await page.locator(quickInputBox).waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.locator(quickInput).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

/**
 * The CodeLens link with `lensText` drawn just above the rendered line of the active editor that contains
 * `lineText` (a lens sits on its own line over the code it is about). The line must be in view: goToLine.
 */
export async function codeLensAbove(page: Page, lineText: string, lensText: string, timeoutMs: number): Promise<Locator> {
  const editor = activeEditor(page);
  const line = editor.locator('.view-line', { hasText: lineText }).first();
  const lenses = editor.locator('.codelens-decoration a', { hasText: lensText });
  let above: Locator | undefined;
  // The same lens at the same place in two polls in a row: while the editor still scrolls to the line (or the
  // lenses are redrawn), the line and the lenses are measured at different moments and another lens can seem
  // to be the one above it.
  let previous = '';
  await waitUntil(`a "${lensText}" CodeLens above "${lineText}"`, timeoutMs, async () => {
    const target = await line.boundingBox();
    if (!target) return false;
    above = undefined;
    let found = '';
    let closest = Infinity;
    for (let i = 0; i < (await lenses.count()); i++) {
      const box = await lenses.nth(i).boundingBox();
      if (!box) continue;
      const gap = target.y - (box.y + box.height);
      if (gap >= -1 && gap < target.height && gap < closest) {
        closest = gap;
        above = lenses.nth(i);
        found = `${i}@${Math.round(box.y)}/${Math.round(target.y)}`;
      }
    }
    const stable = above !== undefined && found === previous;
    previous = found;
    return stable;
  });
  if (!above) throw new Error(`no "${lensText}" CodeLens above "${lineText}"`);
  return above;
}

/**
 * The content of the webview that contains `selector`: VS Code puts each webview in an iframe (class
 * "webview") whose document loads the extension's HTML in a nested iframe (#active-frame). Several webviews
 * may be open (a panel, a side view); this waits until one of them shows `selector`.
 */
export async function webviewWith(page: Page, selector: string, timeoutMs: number): Promise<FrameLocator> {
  let found: FrameLocator | undefined;
  await waitUntil(`a webview showing ${selector}`, timeoutMs, async () => {
    const count = await page.locator('iframe.webview').count();
    for (let i = 0; i < count; i++) {
      const content = page.locator('iframe.webview').nth(i).contentFrame().frameLocator('#active-frame');
      if ((await content.locator(selector).count()) > 0) {
        found = content;
        return true;
      }
    }
    return false;
  });
  if (!found) throw new Error(`no webview shows ${selector}`);
  return found;
}

/** The webviews that show `selector` now (none when no webview is open: nothing is awaited). */
export async function webviewsShowing(page: Page, selector: string): Promise<FrameLocator[]> {
  const frames = page.locator('iframe.webview');
  const found: FrameLocator[] = [];
  for (let i = 0; i < (await frames.count()); i++) {
    const content = frames.nth(i).contentFrame().frameLocator('#active-frame');
    if ((await content.locator(selector).count()) > 0) found.push(content);
  }
  return found;
}

/** Polls `condition` until it holds; the error names what was awaited. Never a fixed sleep. */
export async function waitUntil(what: string, timeoutMs: number, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Text of each row of the first table in a webview, cells joined by " | ". */
export async function tableRows(content: FrameLocator): Promise<string[]> {
  return content.locator('table tr').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim()).join(' | ')),
  );
}

/** Notifications currently shown (toasts), as text. */
export async function notifications(page: Page): Promise<string[]> {
  return page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
}

// Debian's Chromium driven by playwright-core: no browser download, so CI installs the distribution's package instead.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumPresent = existsSync(CHROMIUM);

if (!chromiumPresent) {
  console.log(`skipped: ${CHROMIUM} not found (install Debian's chromium package to run the browser tests)`);
}

// Quiet and offline: the browser talks only to the test's servers, so nothing slows it down or leaks out.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/** Steps wait at most this long, so a broken page fails the test instead of hanging it. */
export const STEP_TIMEOUT_MS = 10_000;

export interface TestBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A headless browser with a fresh profile, Russian like most visitors of the portals, removed again on close. */
export async function launchChromium(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'kilt-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    locale: 'ru-RU',
    viewport: { width: 1024, height: 768 },
    timeout: 30_000,
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const SCREENS_DIR = resolve(import.meta.dirname, '../../../test-results/screens');

/** Kept as a test artifact: what a person sees on each screen. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

// Shared setup of the end-to-end tests: Debian's Chromium driven by playwright-core,
// guest sign-in, and calls to the example backend with a guest token.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_URL = process.env.E2E_APP_URL ?? 'http://localhost:3000';
/** packages/app-legacy: the same plugin wired on the legacy frontend system. */
export const LEGACY_APP_URL =
  process.env.E2E_LEGACY_APP_URL ?? 'http://localhost:3001';
export const BACKEND_URL =
  process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
const E2E_DIR = dirname(fileURLToPath(import.meta.url));
// EKS_E2E_UPDATE_SCREENSHOTS=1 writes the screenshots into docs/screenshots (tracked, shown
// in the README); otherwise they go to the git-ignored e2e/.output/screenshots.
export const SCREENSHOT_DIR =
  process.env.EKS_E2E_UPDATE_SCREENSHOTS === '1'
    ? join(E2E_DIR, '..', 'docs', 'screenshots')
    : join(E2E_DIR, '.output', 'screenshots');

/** The dev server compiles the app on first load: pages may take a while. */
export const PAGE_TIMEOUT_MS = 120_000;
/** Data answered by the backend, once the page is there. */
export const DATA_TIMEOUT_MS = 60_000;

/** Launches headless Chromium with flags that keep it off the (closed) network. */
export async function launchBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'eks-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 1000 },
    // The copy buttons of remediation snippets write to the clipboard.
    permissions: ['clipboard-read', 'clipboard-write'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  context.setDefaultTimeout(DATA_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
  // Closing also removes the throwaway profile.
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return context;
}

/**
 * Opens the app at `appUrl` and signs in as the guest user. `errors` collects
 * every uncaught exception of the page (`pageerror`) from then on.
 */
export async function signIn(context, appUrl = APP_URL) {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', err => errors.push(err));
  await page.goto(appUrl);
  const enter = page.getByRole('button', { name: /^enter$/i });
  await enter.waitFor({ timeout: PAGE_TIMEOUT_MS });
  // Signing in fails while the dev backend restarts: try again.
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  for (;;) {
    await enter.click();
    try {
      await enter.waitFor({ state: 'detached', timeout: 15_000 });
      return { page, errors };
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

/** A browser signed in as the guest, on `path` of the app (default: packages/app). */
export async function openApp(path, { appUrl = APP_URL } = {}) {
  const context = await launchBrowser();
  try {
    const { page, errors } = await signIn(context, appUrl);
    await page.goto(`${appUrl}${path}`);
    return { context, page, errors };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Fails with the messages of the page's uncaught exceptions, if any. */
export function assertNoPageErrors(errors) {
  assert.deepEqual(
    errors.map(error => String(error?.stack ?? error)),
    [],
    'the page threw uncaught exceptions',
  );
}

/**
 * Saves a screenshot into SCREENSHOT_DIR: of one element, or of the whole
 * page. For the whole page the viewport grows to the page's height first, so
 * that fixed parts (the sidebar) span the whole picture.
 */
export async function saveScreenshot(target, fileName) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, fileName);
  if (typeof target.goto !== 'function') {
    await target.screenshot({ path, animations: 'disabled' });
    return path;
  }
  const viewport = target.viewportSize();
  const height = await target.evaluate(() => {
    window.scrollTo(0, 0);
    return document.scrollingElement.scrollHeight;
  });
  await target.setViewportSize({ width: viewport.width, height });
  try {
    await target.screenshot({ path, animations: 'disabled' });
  } finally {
    await target.setViewportSize(viewport);
  }
  return path;
}

/** The Backstage UI card (EntityInfoCard, Card) nearest around an element. */
export function cardAround(locator) {
  // The class token exactly: bui-CardBody and bui-CardHeader are no cards.
  return locator.locator(
    'xpath=ancestor::article[contains(concat(" ", normalize-space(@class), " "), " bui-Card ")][1]',
  );
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Polls `probe` once a second until it returns a value other than undefined,
 * for at most `seconds`; then fails with "<what>: not within <seconds> s".
 * Connection errors count as "not yet": the dev server restarts the backend
 * when plugin files change. `probe` gets `note(text)`, which records how far
 * the condition got, for the timeout message.
 */
export async function poll(what, seconds, probe) {
  const deadline = Date.now() + seconds * 1000;
  let lastError;
  let lastNote;
  const note = text => {
    lastNote = text;
  };
  while (Date.now() < deadline) {
    try {
      const value = await probe(note);
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    await sleep(1000);
  }
  const details = [
    lastNote && `last seen: ${lastNote}`,
    lastError && `last error: ${lastError.message}`,
  ].filter(Boolean);
  throw new Error(
    `timed out waiting for ${what}: not within ${seconds} s${
      details.length ? ` (${details.join('; ')})` : ''
    }`,
  );
}

/** How long a backend call waits out a restart of the dev backend. */
const BACKEND_RESTART_SECONDS = 90;

/**
 * `fetch`, retried while the backend does not answer at all: the dev server
 * restarts the backend when plugin files change.
 */
export async function fetchThroughRestarts(url, init) {
  return poll(`${url} to answer`, BACKEND_RESTART_SECONDS, () =>
    fetch(url, init),
  );
}

/** A guest token for calling the backend directly. */
export async function guestToken() {
  const res = await fetchThroughRestarts(
    `${BACKEND_URL}/api/auth/guest/refresh`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}

let cachedToken;

/** Calls the backend as the guest; `path` starts with /api/. */
export async function backendFetch(path, init = {}) {
  const call = async token =>
    fetchThroughRestarts(`${BACKEND_URL}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
    });
  cachedToken ??= await guestToken();
  const res = await call(cachedToken);
  if (res.status !== 401) return res;
  // The token was signed before a restart of the backend: sign in again.
  cachedToken = await guestToken();
  return call(cachedToken);
}

/** The JSON answer of a guest call that must succeed. */
export async function backendJson(path, init) {
  const res = await backendFetch(path, init);
  if (!res.ok) {
    throw new Error(`${init?.method ?? 'GET'} ${path}: ${res.status}`);
  }
  return res.json();
}

// Shared setup of the end-to-end tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_URL = process.env.E2E_APP_URL ?? 'http://localhost:3000';
export const BACKEND_URL = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
export const SCREENSHOT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'docs',
  'screenshots',
);

/** Launches headless Chromium with flags that keep it off the (closed) network. */
export async function launchBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'eks-e2e-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 1000 },
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
}

/** Opens the app and signs in as the guest user. */
export async function signIn(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', err => errors.push(err));
  await page.goto(APP_URL);
  const enter = page.getByRole('button', { name: /enter/i });
  if (await enter.isVisible({ timeout: 30_000 }).catch(() => false)) {
    await enter.click();
  }
  return { page, errors };
}

/** A guest token for calling the backend directly. */
export async function guestToken() {
  const res = await fetch(`${BACKEND_URL}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}

/** Waits until the scheduled evaluation has stored scorecards for the example catalog. */
export async function waitForEvaluation(minEntities, seconds = 120) {
  const token = await guestToken();
  for (let i = 0; i < seconds; i++) {
    const res = await fetch(`${BACKEND_URL}/api/eks-encryption/v1/entities?limit=100`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (res.ok) {
      const body = await res.json();
      if (body.items.length >= minEntities) return body.items;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`no evaluation of ${minEntities} entities within ${seconds} s`);
}

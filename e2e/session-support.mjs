// What the session journeys share: Debian chromium, fresh e-mail addresses, a list of checks
// that fails the run at the end, the host events a page heard, and the stored session.
import { chromium } from 'playwright-core';

export const launch = () => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

/** `fresh()` gives a new address each call, tagged with `tag`. */
export function addresses(tag) {
  let serial = 0;
  return (what) => `${tag}-${what}-${Date.now()}-${(serial += 1)}@example.com`;
}

/** `check(what, held, detail)` prints ok or records a failure; `finish()` exits 1 if any. */
export function checks() {
  const failures = [];
  return {
    failures,
    check(what, held, detail = '') {
      if (held) console.log(`  ok: ${what}`);
      else failures.push(`${what} ${detail}`);
    },
    finish() {
      if (failures.length) {
        console.error(failures.join('\n'));
        process.exit(1);
      }
    },
  };
}

/** An init script: the page keeps every host event it hears in `window.heard`. */
export function recordHostEvents() {
  window.heard = [];
  for (const name of ['signed-in', 'signed-out', 'tokens-refreshed', 'attributes-updated', 'account-deleted', 'credentials', 'error']) {
    document.addEventListener(`cognito-widget:${name}`, (e) => window.heard.push({ name, detail: e.detail }));
  }
}

/**
 * The strict Content-Security-Policy the journeys serve the release builds under: no inline
 * script or style, requests only to the page's own origin and the emulator.
 */
export const strictPolicy = (emulator) =>
  `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${emulator}`;

/** An init script: the page keeps every CSP violation it reports in `window.violations`. */
export function recordViolations() {
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.violations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
}

/** Whether the stored access token changes from `old` within `ms`. */
export const accessTokenChanges = (page, old, ms = 10_000) => page.waitForFunction((previous) => {
  const key = Object.keys(localStorage).find((k) => k.endsWith('.accessToken'));
  return key && localStorage.getItem(key) !== previous;
}, old, { timeout: ms }).then(() => true, () => false);

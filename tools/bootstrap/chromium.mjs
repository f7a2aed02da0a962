// Where the browser tests find Chromium. One place, used by the bootstrap (to fail early with
// instructions) and by every Playwright test (to launch it). We never download a browser:
// Playwright drives the system's Chromium, or the one named by $CHROME_PATH.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** @returns {string | null} the path of a Chromium executable, or null when there is none. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export function chromiumHelp() {
  const named = process.env.CHROME_PATH ? ` ($CHROME_PATH=${process.env.CHROME_PATH} does not exist)` : '';
  return [
    `No Chromium found for the browser tests${named}.`,
    'Install your system package, for example on Debian or Ubuntu:',
    '  sudo apt-get install -y chromium',
    'or point CHROME_PATH at a Chromium or Chrome executable. Browsers are never downloaded by the tests.',
  ].join('\n');
}

/** Launch flags for a sandboxed CI machine with no network: no background traffic, no GPU. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Launches the browsers the web tests run in: Debian's chromium and Debian's firefox-esr, both
// through the pinned playwright-core (tests/web/package-lock.json) and never a downloaded browser.
//   chromium: /usr/bin/chromium over the Chrome DevTools protocol (playwright's own transport).
//   firefox:  /usr/bin/firefox-esr over WebDriver BiDi (playwright's `moz-firefox` channel, made for
//             stock Firefox builds).
// requireBrowser(name) exits with 77 (CTest: skipped) when the browser binary or playwright-core is
// absent; launch(name, profileDir) then resolves to a persistent BrowserContext.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const BROWSERS = {
  chromium: {
    executable: process.env.WHOKNOWS_CHROMIUM ?? '/usr/bin/chromium',
    package: 'chromium',
  },
  firefox: {
    executable: process.env.WHOKNOWS_FIREFOX ?? '/usr/bin/firefox-esr',
    package: 'firefox-esr',
  },
};

function skip(message) {
  console.log(`skipped: ${message}`);
  process.exit(77);
}

function loadPlaywright() {
  try {
    return require('playwright-core');
  } catch {
    return skip('playwright-core is not installed (run `npm ci` in tests/web)');
  }
}

// WebDriver BiDi commands playwright-core 1.65 sends on every new context although the test never
// asks for what they do, and which firefox-esr 153 does not implement yet ("unknown command"):
// emulation.setMediaFeaturesOverride only forwards the context's colorScheme option (unset here).
// They are answered locally with an empty success so the browser never sees them; every other
// command, and every command of any other browser, goes through unchanged.
const BIDI_NOT_IN_ESR = new Set(['emulation.setMediaFeaturesOverride']);

function answerBidiCommandsFirefoxLacks() {
  // playwright-core's BiDi transport is the `ws` WebSocket its utilsBundle exports.
  const { ws: WebSocket } = require('playwright-core/lib/utilsBundle');
  if (WebSocket.prototype.whoknowsShimmed) return;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function sendOrAnswer(data, ...rest) {
    let message = null;
    try {
      message = typeof data === 'string' && data.includes('"method"') ? JSON.parse(data) : null;
    } catch {
      message = null;
    }
    if (message && BIDI_NOT_IN_ESR.has(message.method)) {
      const reply = JSON.stringify({ type: 'success', id: message.id, result: {} });
      setImmediate(() => this.emit('message', Buffer.from(reply), false));
      return undefined;
    }
    return send.call(this, data, ...rest);
  };
  WebSocket.prototype.whoknowsShimmed = true;
}

const COMMON = { acceptDownloads: true, headless: true, viewport: { width: 1200, height: 900 } };

export function requireBrowser(name) {
  const browser = BROWSERS[name];
  if (!browser) throw new Error(`unknown browser ${name}; one of ${Object.keys(BROWSERS).join(', ')}`);
  if (!existsSync(browser.executable)) {
    skip(`no browser at ${browser.executable} (apt-get install ${browser.package})`);
  }
  loadPlaywright();
  return browser;
}

export async function launch(name, profileDir) {
  const browser = requireBrowser(name);
  const playwright = loadPlaywright();
  if (name === 'chromium') {
    return playwright.chromium.launchPersistentContext(profileDir, {
      ...COMMON,
      executablePath: browser.executable,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }
  answerBidiCommandsFirefoxLacks();
  return playwright.firefox.launchPersistentContext(profileDir, {
    ...COMMON,
    channel: 'moz-firefox',
    executablePath: browser.executable,  // playwright's profile prefs keep it offline and quiet
  });
}

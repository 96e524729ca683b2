// Browser sessions in the three engines buyers use, through W3C WebDriver (selenium-webdriver):
// Chromium (chromedriver), Firefox (geckodriver) and WebKit (WebKitWebDriver driving WebKitGTK's
// MiniBrowser, the engine of Safari and of every iPhone browser). Each driver runs as a process
// of ours on a free port, with a profile in a fresh temporary folder that goes with the session.
//
// `ENGINES` (comma-separated: chromium, firefox, webkit; all three by default) picks the engines.
// WebKitGTK has no headless mode: scripts/test.sh runs its suite under `xvfb-run`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { Builder } from 'selenium-webdriver';
import LogInspector from 'selenium-webdriver/bidi/logInspector.js';

export const ENGINES = (process.env.ENGINES ?? 'chromium,firefox,webkit').split(',').map((e) => e.trim()).filter(Boolean);

const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin');
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** What each engine needs: its driver, and the capabilities of a session (`profile`: a fresh folder). */
const ENGINE = {
  chromium: {
    driver: ['/usr/bin/chromedriver'],
    capabilities: (profile, { width, height }) => ({
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: process.env.CHROMIUM ?? '/usr/bin/chromium',
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, `--window-size=${width},${height}`],
      },
    }),
  },
  firefox: {
    driver: [existsSync(join(cargoBin, 'geckodriver')) ? join(cargoBin, 'geckodriver') : 'geckodriver'],
    capabilities: (profile, { width, height }) => ({
      browserName: 'firefox',
      // WebDriver BiDi: the browser's own error messages (a service worker's, for one), which
      // no script in the page sees (`logged` below).
      webSocketUrl: true,
      'moz:firefoxOptions': {
        binary: '/usr/bin/firefox-esr',
        // (Headless Firefox keeps its window at least 500 px wide.)
        args: ['-headless', '-profile', profile, `--width=${width}`, `--height=${height}`],
        prefs: { 'browser.shell.checkDefaultBrowser': false, 'datareporting.policy.dataSubmissionEnabled': false },
      },
    }),
  },
  webkit: {
    driver: ['/usr/bin/WebKitWebDriver'],
    capabilities: () => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }),
  },
};

const freePort = () => new Promise((ok, fail) => {
  const s = createServer();
  s.on('error', fail);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => ok(port));
  });
});

/** Polls `url` until it answers (the driver has started). */
async function answering(url, process, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (process.exitCode !== null) throw new Error(`${process.spawnargs[0]} exited (${process.exitCode})`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not yet */ }
    if (Date.now() > end) throw new Error(`${url}: no answer`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** A new session of `engine` with a window of `size`; `quit()` ends it with its driver and profile. */
export async function session(engine, size = { width: 1024, height: 800 }) {
  const spec = ENGINE[engine];
  if (!spec) throw new Error(`unknown engine ${engine}; known: ${Object.keys(ENGINE).join(', ')}`);
  const profile = mkdtempSync(join(tmpdir(), `stepwise-${engine}-`));
  const port = await freePort();
  // WebKitGTK keeps its data under XDG folders: a fresh one per session.
  const env = { ...process.env, XDG_DATA_HOME: join(profile, 'data'), XDG_CACHE_HOME: join(profile, 'cache'), XDG_CONFIG_HOME: join(profile, 'config') };
  const driver = spawn(spec.driver[0], [...spec.driver.slice(1), `--port=${port}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  driver.stderr.on('data', (d) => { log = (log + d).slice(-4000); });
  const server = `http://127.0.0.1:${port}`;
  try {
    await answering(`${server}/status`, driver);
    const capabilities = spec.capabilities(profile, size);
    const browser = await new Builder().usingServer(server).withCapabilities(capabilities).build();
    if (engine === 'webkit') await browser.manage().window().setRect(size);
    browser.engine = engine;
    // What the browser logged as an error, where it speaks BiDi (Firefox here).
    browser.logged = [];
    if (capabilities.webSocketUrl) {
      const inspector = await LogInspector(browser);
      await inspector.onLog((entry) => { if (entry.level === 'error') browser.logged.push(`${entry.type}: ${entry.text}`); });
    }
    browser.end = async () => {
      try { await browser.quit(); } catch { /* gone */ }
      await stop(driver);
      remove(profile);
    };
    return browser;
  } catch (e) {
    await stop(driver);
    remove(profile);
    throw new Error(`${engine}: ${e.message}\n${log}`);
  }
}

/** Ends a driver process and waits for it to be gone. */
const stop = (child) => new Promise((ok) => {
  if (child.exitCode !== null || child.signalCode !== null) return ok();
  child.once('exit', ok);
  child.kill();
});

/** Removes a profile folder; a browser process still writing its caches into it (MiniBrowser's
 * shader cache as it quits) is waited out, and what stays is left to the system's tmp cleaning. */
function remove(folder) {
  try {
    rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  } catch { /* left behind */ }
}

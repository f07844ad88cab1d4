// Browser side of benchmarks/console.sh: headless Chromium, driven through chromedriver's WebDriver HTTP interface
// (plus its DevTools pass-through for three commands), measures one page of an account console.
//
// It logs the user in with the password, then loads the page REPS times with an empty browser cache ("cold") and REPS
// times with the cache the previous loads left ("warm"). A script installed for every new document records:
// - the time from the start of the navigation to the page until the first animation frame in which an element
//   matching SELECTOR (one containing EXPECT, if given) is in the document. A console page load is a chain of documents
//   (the page, the redirect to the login endpoint that returns at once with the SSO cookie, the page again with the
//   code): the clock starts with the navigation to the first document (performance.timeOrigin, kept in the tab's
//   sessionStorage) and stops in the last;
// - the JavaScript files of all documents of the chain (Resource Timing): files (distinct addresses), bytes
//   transferred over the network (all loads, headers included, 0 from the cache), encoded bytes (compressed bodies,
//   distinct files) and decoded bytes (distinct files), taken one second after the element appeared;
// - when the last document of the chain started (last_document_ms): the part of the time spent before the page is
//   loaded for the second time, with the authorization code.
//
// Output: one line per JavaScript file of the first load ("console-bench js …"), one per load ("console-bench
// sample …") and one per cache mode ("console-bench result …"), as
// key=value pairs separated by single spaces; values never contain spaces. Exit status 3 when the element does not
// appear within the timeout (a screenshot is kept), 2 on wrong arguments, 1 on any other failure.
//
// Usage: node console-bench.mjs --label L --base URL --realm R --user U --password P --page PATH --selector CSS
//        [--expect TEXT] [--reps N] [--timeout-ms MS] [--out DIR] [--chromium PATH] [--chromedriver PATH] [--port N]
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const opts = {
  reps: "5",
  "timeout-ms": "60000",
  out: ".",
  chromium: process.env.SK_CHROMIUM || "/usr/bin/chromium",
  chromedriver: process.env.SK_CHROMEDRIVER || "/usr/bin/chromedriver",
  port: "19515",
  expect: "",
  page: "",
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  if (!argv[i].startsWith("--") || argv[i + 1] === undefined) usage(`bad argument ${argv[i]}`);
  opts[argv[i].slice(2)] = argv[i + 1];
}
for (const required of ["label", "base", "realm", "user", "password", "selector"]) {
  if (!opts[required]) usage(`--${required} is missing`);
}
const reps = Number(opts.reps);
const timeoutMs = Number(opts["timeout-ms"]);
if (!(reps >= 1) || !(timeoutMs >= 1000)) usage("--reps must be at least 1 and --timeout-ms at least 1000");
const consoleUrl = `${opts.base}/realms/${opts.realm}/account/`;
const pageUrl = consoleUrl + opts.page;
const pageName = opts.page === "" ? "start" : opts.page;

function usage(problem) {
  console.error(`console-bench: ${problem}`);
  console.error("usage: node console-bench.mjs --label L --base URL --realm R --user U --password P --page PATH"
    + " --selector CSS [--expect TEXT] [--reps N] [--timeout-ms MS] [--out DIR]");
  process.exit(2);
}

class NotRendered extends Error {}

// Installed for every new document of the tab (top frame only). It does nothing unless a measurement is armed in
// the tab's sessionStorage (key skb.armed), so the login and the navigations between loads are not measured.
const probe = `(() => {
  if (window.top !== window) return;
  let ss;
  try { ss = window.sessionStorage; if (ss.getItem("skb.armed") !== "1") return; } catch (e) { return; }
  const SELECTOR = ${JSON.stringify(opts.selector)};
  const EXPECT = ${JSON.stringify(opts.expect)};
  if (!ss.getItem("skb.start")) ss.setItem("skb.start", String(performance.timeOrigin));
  const docs = Number(ss.getItem("skb.docs") || "0") + 1;
  ss.setItem("skb.docs", String(docs));
  let done = false;
  window.__skbResources = () => performance.getEntriesByType("resource").map(e => ({
    n: e.name, i: e.initiatorType, t: e.transferSize, e: e.encodedBodySize, d: e.decodedBodySize }));
  addEventListener("pagehide", () => {
    if (done || window.__skbOff || ss.getItem("skb.armed") !== "1") return;
    const before = JSON.parse(ss.getItem("skb.res") || "[]");
    ss.setItem("skb.res", JSON.stringify(before.concat(window.__skbResources())));
  });
  const observer = new MutationObserver(() => check());
  const check = () => {
    if (done) return;
    const row = [...document.querySelectorAll(SELECTOR)].find((e) => !EXPECT || e.textContent.includes(EXPECT));
    if (!row) return;
    done = true;
    observer.disconnect();
    requestAnimationFrame(() => {
      window.__skbResult = { ms: performance.timeOrigin + performance.now() - Number(ss.getItem("skb.start")),
        lastDocument: performance.timeOrigin - Number(ss.getItem("skb.start")), docs,
        text: row.textContent.slice(0, 120) };
    });
  };
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

const driver = spawn(opts.chromedriver, [`--port=${opts.port}`], { stdio: ["ignore", "ignore", "inherit"] });
const profile = mkdtempSync(join(tmpdir(), "sk-console-bench-"));
const driverUrl = `http://127.0.0.1:${opts.port}`;
let session = null;

async function wd(method, path, body) {
  const response = await fetch(driverUrl + (session ? `/session/${session}` : "") + path, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${json.value?.error}: ${String(json.value?.message).split("\n")[0]}`);
  }
  return json.value;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const script = (source, args = []) => wd("POST", "/execute/sync", { script: source, args });
const cdp = (cmd, params = {}) => wd("POST", "/goog/cdp/execute", { cmd, params });

async function find(selector, ms) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const element = await wd("POST", "/element", { using: "css selector", value: selector });
      return Object.values(element)[0];
    } catch (e) {
      if (Date.now() > until) throw new NotRendered(`no ${selector} at ${await currentUrl()}`);
      await sleep(100);
    }
  }
}

async function currentUrl() {
  try {
    return await wd("GET", "/url");
  } catch (e) {
    return "(unknown)";
  }
}

async function screenshot(name) {
  mkdirSync(opts.out, { recursive: true });
  const file = join(opts.out, `${name}.png`);
  writeFileSync(file, Buffer.from(await wd("GET", "/screenshot"), "base64"));
  return file;
}

async function start() {
  for (let i = 0; ; i++) {
    try {
      if ((await (await fetch(`${driverUrl}/status`)).json()).value.ready) break;
    } catch (e) {
      if (i > 100) throw new Error(`chromedriver did not start on port ${opts.port}`);
    }
    await sleep(100);
  }
  const created = await wd("POST", "/session", { capabilities: { alwaysMatch: {
    browserName: "chrome",
    "goog:chromeOptions": {
      binary: opts.chromium,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run", "--lang=de-DE",
        "--window-size=1280,1024", `--user-data-dir=${profile}`],
      prefs: { "intl.accept_languages": "de-DE,de" },
    },
    "goog:loggingPrefs": { browser: "ALL" },
  } } });
  session = created.sessionId;
  await wd("POST", "/timeouts", { pageLoad: timeoutMs, script: timeoutMs });
}

async function logIn() {
  await wd("POST", "/url", { url: pageUrl });
  await wd("POST", `/element/${await find("#username", timeoutMs)}/value`, { text: opts.user });
  await wd("POST", `/element/${await find("#password", 5000)}/value`, { text: opts.password });
  await wd("POST", `/element/${await find("#kc-login", 5000)}/click`, {});
  await find(opts.selector, timeoutMs);
  if (!(await currentUrl()).startsWith(consoleUrl)) throw new NotRendered(`not in the console: ${await currentUrl()}`);
}

async function load(cache, rep) {
  // Arm the probe on the current (console) page, whose own probe must not report; then leave for an empty page.
  await script(`window.__skbOff = true;
    for (const k of ["skb.start", "skb.res", "skb.docs"]) sessionStorage.removeItem(k);
    sessionStorage.setItem("skb.armed", "1");`);
  await wd("POST", "/url", { url: "about:blank" });
  if (cache === "cold") await cdp("Network.clearBrowserCache");
  await wd("POST", "/url", { url: pageUrl });
  const until = Date.now() + timeoutMs;
  let result = null;
  while (!result) {
    if (Date.now() > until) {
      const shot = await screenshot(`${opts.label}-${pageName}-not-rendered`);
      throw new NotRendered(`${opts.selector} not rendered within ${timeoutMs} ms at ${await currentUrl()}`
        + ` (screenshot ${shot})`);
    }
    await sleep(50);
    try {
      result = await script("return window.__skbResult || null;");
    } catch (e) {
      // Between two documents of the chain; ask again.
    }
  }
  await sleep(1000);
  const { resources } = await script(`window.__skbOff = true;
    const resources = JSON.parse(sessionStorage.getItem("skb.res") || "[]").concat(window.__skbResources());
    sessionStorage.removeItem("skb.armed");
    return { resources };`);
  const js = resources.filter((r) => r.i === "script" || /\.m?js$/.test(new URL(r.n).pathname));
  const distinct = new Map();
  for (const r of js) {
    const seen = distinct.get(r.n);
    distinct.set(r.n, { e: Math.max(seen?.e ?? 0, r.e), d: Math.max(seen?.d ?? 0, r.d) });
  }
  if (cache === "cold" && rep === 1) {
    for (const [address, sizes] of distinct) {
      console.log(`console-bench js label=${opts.label} page=${pageName} file=${new URL(address).pathname}`
        + ` encoded_bytes=${sizes.e} decoded_bytes=${sizes.d}`);
    }
  }
  const sample = {
    ms: result.ms,
    lastDocument: result.lastDocument,
    docs: result.docs,
    files: distinct.size,
    transferred: js.reduce((sum, r) => sum + r.t, 0),
    encoded: [...distinct.values()].reduce((sum, r) => sum + r.e, 0),
    decoded: [...distinct.values()].reduce((sum, r) => sum + r.d, 0),
  };
  console.log(`console-bench sample label=${opts.label} page=${pageName} cache=${cache} rep=${rep}`
    + ` ms=${sample.ms.toFixed(1)} last_document_ms=${sample.lastDocument.toFixed(1)} documents=${sample.docs}`
    + ` js_files=${sample.files}`
    + ` js_transferred_bytes=${sample.transferred} js_encoded_bytes=${sample.encoded} js_decoded_bytes=${sample.decoded}`);
  return sample;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

let status = 0;
try {
  await start();
  await cdp("Page.addScriptToEvaluateOnNewDocument", { source: probe });
  await logIn();
  await screenshot(`${opts.label}-${pageName}`);
  for (const cache of ["cold", "warm"]) {
    const samples = [];
    for (let rep = 1; rep <= reps; rep++) samples.push(await load(cache, rep));
    const ms = samples.map((s) => s.ms);
    console.log(`console-bench result label=${opts.label} page=${pageName} cache=${cache} n=${samples.length}`
      + ` median_ms=${median(ms).toFixed(1)} min_ms=${Math.min(...ms).toFixed(1)} max_ms=${Math.max(...ms).toFixed(1)}`
      + ` median_last_document_ms=${median(samples.map((s) => s.lastDocument)).toFixed(1)}`
      + ` js_files=${median(samples.map((s) => s.files))}`
      + ` js_transferred_bytes=${median(samples.map((s) => s.transferred))}`
      + ` js_encoded_bytes=${median(samples.map((s) => s.encoded))}`
      + ` js_decoded_bytes=${median(samples.map((s) => s.decoded))}`);
  }
} catch (e) {
  status = e instanceof NotRendered ? 3 : 1;
  console.log(`console-bench error label=${opts.label} page=${pageName} status=${status}`);
  console.error(`console-bench: ${e.message}`);
  if (e instanceof NotRendered && session) {
    try {
      console.error(`console-bench: screenshot ${await screenshot(`${opts.label}-${pageName}-failed`)}`);
      for (const entry of await wd("POST", "/se/log", { type: "browser" })) {
        console.error(`console-bench: browser console: ${entry.level} ${entry.message}`);
      }
    } catch (ignored) {
      // The browser is gone; the message above says what went wrong.
    }
  }
} finally {
  if (session) await wd("DELETE", "").catch(() => {});
  driver.kill("SIGTERM");
  rmSync(profile, { recursive: true, force: true });
}
process.exit(status);

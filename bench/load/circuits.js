// Circuits at scale, for the load suite (bench/load/run.sh → BarberPro.Load): opens N interactive pages in Debian's
// chromium, each in its own browser context (its own circuit), 8 at a time, reads the server's resident memory before,
// with at least 24 open and with them all open (the slope between the last two is the cost of one more idle circuit),
// then closes them as a person leaves a page (page.close with unload handlers, so Blazor's script tells the server the
// circuit is done) and reads it again. Prints one RESULT line of JSON.
//   node circuits.js URL N wizard|agenda PID [SHOP]      (PW_PACKAGE: Playwright's package folder, from the test build)
// The agenda signs in once as the demo's first barber and gives every context that cookie.
// What the slope leaves out, as a server that has run a while would: code the runtime compiles once (a warm-up of up to
// 48 live pages, opened together and closed, so the circuit's methods reach their optimized tier), and garbage that
// opening pages leaves behind (each reading waits until no page opened for 9 s: the server's memory return, ADR 0017,
// has run by then; run.sh lets it run every 5 s instead of once a minute).
const { chromium } = require(process.env.PW_PACKAGE);
const fs = require('fs');

const [url, count, kind, pid, shop = 'barberpro-palermo'] = process.argv.slice(2);
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const sleep = ms => new Promise(r => setTimeout(r, ms));

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let storageState;
  if (kind === 'agenda') {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}/cuenta/ingresar`);
    await page.fill('#email', 'barbero1@barberpro.local');
    await page.fill('#password', process.env.DEMO_PASSWORD || 'BarberPro2026!');
    await page.click('button[type=submit]');
    await page.waitForURL(u => !u.toString().includes('/cuenta/ingresar'));
    storageState = await context.storageState();
    await context.close();
  }
  const path = kind === 'agenda' ? '/agenda' : `/local/${shop}/reservar`;
  const contexts = [];
  const one = async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState });
    const page = await context.newPage();
    await page.goto(url + path);
    await page.locator('#interactive-ready').waitFor({ state: 'attached', timeout: 60000 });
    contexts.push({ context, page });
  };
  const n = Number(count);
  // The smoke (a few pages) only checks that the step works: a short warm-up and short waits.
  const small = n < 32;
  const settle = small ? 3000 : 9000;
  // Live pages first (the route's code, its first renders and the circuit machinery warm), closed, then the baseline.
  const warm = small ? 4 : Math.min(n, 48);
  for (let i = 0; i < warm; i += 8) await Promise.all(Array.from({ length: Math.min(8, warm - i) }, one));
  for (const { context, page } of contexts.splice(0)) {
    await page.close({ runBeforeUnload: true });
    await context.close();
  }
  await sleep(settle);
  const before = rss();
  const started = Date.now();
  const first = small ? Math.max(1, n - 1) : Math.min(n - 8, Math.max(24, Math.round(n / 5 / 8) * 8));
  let mid = null, midOpened = 0;
  for (let i = 0; i < n; i += 8) {
    await Promise.all(Array.from({ length: Math.min(8, n - i) }, one));
    if (mid === null && contexts.length >= first && contexts.length < n) {
      await sleep(settle);
      mid = rss();
      midOpened = contexts.length;
    }
  }
  const seconds = (Date.now() - started) / 1000;
  await sleep(settle);
  const open = rss();
  for (const { context, page } of contexts) {
    await page.close({ runBeforeUnload: true });
    await context.close();
  }
  const closedAt = Date.now();
  console.log(`RESULT ${JSON.stringify({ kind, opened: contexts.length, seconds, before, mid, midOpened, open, closedAt })}`);
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });

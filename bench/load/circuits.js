// Circuits at scale, for the load suite (bench/load/run.sh → BarberPro.Load): opens N interactive pages in Debian's
// chromium, each in its own browser context (its own circuit), 8 at a time, reads the server's resident memory before,
// after the first fifth and with them all open (the slope between the last two is the cost of one more circuit, without
// what the first ones warm once: code, pools, caches), then closes them as a person leaves a page (page.close with unload
// handlers, so Blazor's script tells the server the circuit is done) and reads it again. Prints one RESULT line of JSON.
//   node circuits.js URL N wizard|agenda PID [SHOP]      (PW_PACKAGE: Playwright's package folder, from the test build)
// The agenda signs in once as the demo's first barber and gives every context that cookie.
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
  // A few live pages first (the route's code, its first renders and the circuit machinery warm), closed, then the baseline.
  await Promise.all(Array.from({ length: 4 }, one));
  for (const { context, page } of contexts.splice(0)) {
    await page.close({ runBeforeUnload: true });
    await context.close();
  }
  await sleep(2000);
  const before = rss();
  const started = Date.now();
  const n = Number(count);
  const first = Math.max(1, Math.min(n - 1, Math.round(n / 5 / 8) * 8 || 8));
  let mid = null, midOpened = 0;
  for (let i = 0; i < n; i += 8) {
    await Promise.all(Array.from({ length: Math.min(8, n - i) }, one));
    if (mid === null && contexts.length >= first && contexts.length < n) {
      await sleep(3000);
      mid = rss();
      midOpened = contexts.length;
    }
  }
  const seconds = (Date.now() - started) / 1000;
  await sleep(3000);
  const open = rss();
  for (const { context, page } of contexts) {
    await page.close({ runBeforeUnload: true });
    await context.close();
  }
  const closedAt = Date.now();
  console.log(`RESULT ${JSON.stringify({ kind, opened: contexts.length, seconds, before, mid, midOpened, open, closedAt })}`);
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });

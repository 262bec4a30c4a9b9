// Opens N Blazor circuits (the booking wizard, each in its own browser context = its own person) against URL, 8 at a
// time, with Debian's chromium driven by the Playwright copy the test project carries (no download), and prints how
// long that took and the resident memory of the given server processes before and after, with the circuits still open.
//   node circuits.js URL N PID [PID…]      (PW_PACKAGE: path of Playwright's package folder)
const { chromium } = require(process.env.PW_PACKAGE);
const fs = require('fs');

const [url, count, ...pids] = process.argv.slice(2);
const rss = pid => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const before = pids.map(rss);
  const started = Date.now();
  let open = 0;
  const one = async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${url}/local/barberpro-palermo/reservar`);
    await page.locator('#interactive-ready').waitFor({ state: 'attached', timeout: 60000 });
    open++;
  };
  const n = Number(count);
  for (let i = 0; i < n; i += 8)
    await Promise.all(Array.from({ length: Math.min(8, n - i) }, one));
  const seconds = (Date.now() - started) / 1000;
  // Let each server settle (first renders done, collections run) before reading memory.
  await new Promise(r => setTimeout(r, 3000));
  const after = pids.map(rss);
  console.log(`RESULT circuits=${open} seconds=${seconds.toFixed(2)} rate=${(open / seconds).toFixed(1)} ` +
    pids.map((p, i) => `rss${i}=${before[i].toFixed(0)}->${after[i].toFixed(0)}MB`).join(' '));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });

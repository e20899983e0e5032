// axe-core in Debian's Chromium (driven by playwright-core) over HTML
// files: every rule axe enables, best practice included. Every request a
// page makes beyond its own file is refused and counted as a failure: the
// pages must be self-contained.
//
//   node axe.js CHROMIUM FILE.html...
//
// Prints one line a violation ("FILE: rule: help (n nodes): selector")
// and exits 1 when there is any.
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');

async function main() {
  const [exe, ...files] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  let bad = 0;
  try {
    const context = await browser.newContext({ javaScriptEnabled: true });
    for (const f of files) {
      const page = await context.newPage();
      const url = 'file://' + path.resolve(f);
      const fetched = [];
      await page.route('**/*', (route) => {
        const u = route.request().url();
        if (u === url) return route.continue();
        fetched.push(u);
        return route.abort();
      });
      await page.goto(url, { waitUntil: 'load' });
      for (const u of fetched) {
        console.log(`${f}: external-request: the page asked for ${u}`);
        bad++;
      }
      // The page has no script of its own; axe is put in for the test.
      const scripts = await page.evaluate(() => document.scripts.length);
      if (scripts !== 0) {
        console.log(`${f}: script: the page carries ${scripts} script(s)`);
        bad++;
      }
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async () => {
        // Every rule but the experimental ones, best practice included.
        return await window.axe.run(document, {
          resultTypes: ['violations', 'incomplete'],
        });
      });
      for (const v of result.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
        console.log(`${f}: ${v.id}: ${v.help} (${v.nodes.length} nodes): ${where}`);
        bad++;
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`${files.length} page(s) checked with axe-core, ${bad} problem(s)`);
  process.exit(bad ? 1 : 0);
}

main().catch((e) => {
  console.log('axe.js: ' + (e && e.stack ? e.stack : e));
  process.exit(2);
});

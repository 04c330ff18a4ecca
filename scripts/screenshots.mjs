// Takes screenshots of the built page (light and dark, desktop and phone width) for a look at
// what people see. Needs ./scripts/build.sh first.
//   node scripts/screenshots.mjs [OUT_DIR] [EXAMPLE_ID]     (default: target/screenshots, 3)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, decisionOf, ROOT } from '../tests/browser/helpers.mjs';

const out = path.resolve(process.argv[2] || path.join(ROOT, 'target', 'screenshots'));
const exampleId = process.argv[3] || '3';
mkdirSync(out, { recursive: true });
const browser = await launch();
try {
  for (const colorScheme of ['light', 'dark']) {
    for (const [name, viewport] of [['desktop', { width: 1440, height: 1000 }], ['phone', { width: 390, height: 844 }]]) {
      const session = await openPage(browser, { viewport, colorScheme });
      const { page } = session;
      await decisionOf(page);
      await page.evaluate(async (id) => {
        document.querySelector('#examples-menu').open = true;
        document.querySelector(`[data-example="${id}"]`).click();
      }, exampleId);
      await decisionOf(page);
      await page.waitForTimeout(300);
      const file = path.join(out, `${name}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file, session.errors.length ? session.errors : '');
      // Tall pages also in slices one screen high, readable at full size.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const slice = viewport.height * 1.5;
      for (let y = 0, n = 1; y < height; y += slice, n++) {
        const part = path.join(out, `${name}-${colorScheme}-${n}.png`);
        await page.screenshot({ path: part, fullPage: true, clip: { x: 0, y, width: viewport.width, height: Math.min(slice, height - y) } });
      }
      await session.close();
    }
  }
} finally {
  await browser.close();
}

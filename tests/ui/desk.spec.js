// The desk in a real browser. Screenshots go to target/ui/.
const { test, expect } = require('@playwright/test');
const path = require('path');

const shots = path.resolve(__dirname, '../../target/ui');
const shot = (page, name) => page.screenshot({ path: path.join(shots, name + '.png'), fullPage: true });

// Any dialog, or the page's own marker variable, means injected script ran.
test.beforeEach(async ({ page }) => {
  page.on('dialog', (d) => { throw new Error('a dialog opened: ' + d.message()); });
  page.on('pageerror', (e) => { throw new Error('page error: ' + e.message); });
});

test('search «قرة باغ» finds the Karabakh stories, whatever the spelling', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.fill('#q', 'قرة باغ');
  await page.press('#q', 'Enter');
  await expect(page.locator('#entity-results')).toContainText('قره باغ');
  const stories = page.locator('#story-results .story');
  await expect(stories.first()).toBeVisible();
  expect(await stories.count()).toBeGreaterThanOrEqual(3);
  await expect(page.locator('#text-results mark.hit').first()).toBeVisible();
  await shot(page, 'search-qarabagh');
  for (const q of ['قره باغ', 'كاراباخ']) {
    await page.goto('/#/search?q=' + encodeURIComponent(q));
    await expect(page.locator('#story-results .story').first()).toBeVisible();
    expect(await page.locator('#story-results .story').count()).toBeGreaterThanOrEqual(3);
  }
});

test('the Putin–Raisi call opens with its evidence highlighted', async ({ page }) => {
  await page.goto('/#/stories?actor=' + encodeURIComponent('Ebrahim Raisi'));
  await page.locator('.story-link').first().click();
  await expect(page.locator('h1')).toContainText('بوتين');
  await expect(page.locator('h1')).toContainText('رئيسي');
  const mark = page.locator('.report mark.evidence-mark').first();
  await expect(mark).toBeVisible();
  await expect(mark).toContainText('إبراهيم رئيسي');
  await shot(page, 'story-putin-raisi');
});

test('the network shows Putin–Aliyev with their stories', async ({ page, request }) => {
  const net = await (await request.get('/api/network')).json();
  const edge = net.edges.find((e) => e.source === 'Ilham Aliyev' && e.target === 'Vladimir Putin');
  expect(edge).toBeTruthy();
  const want = (await (await request.get('/api/stories?limit=200&actor=' + encodeURIComponent('Vladimir Putin'))).json())
    .items.filter((s) => s.actors.some((a) => a.key === 'Ilham Aliyev')).length;
  expect(edge.stories).toBe(want);
  await page.goto('/#/network');
  await expect(page.locator('#graph canvas').first()).toBeAttached();
  const row = page.locator('#edges tr', { hasText: 'علييف' }).filter({ hasText: 'بوتين' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${want} `);
  await shot(page, 'network');
  await row.locator('a.edge-stories').click();
  await expect(page.locator('.story')).toHaveCount(want);
});

test('the timeline links each event to its evidence; the entity page charts months', async ({ page }) => {
  await page.goto('/#/events?actor=' + encodeURIComponent('Vladimir Putin') + '&with=' + encodeURIComponent('Ilham Aliyev'));
  await expect(page.locator('#events .event').first()).toBeVisible();
  await shot(page, 'timeline');
  await page.locator('#events .evidence-link').first().click();
  await expect(page.locator('mark.evidence-mark')).toBeVisible();
  await page.goto('/#/entity/' + encodeURIComponent('Vladimir Putin'));
  await expect(page.locator('#activity-chart rect').first()).toBeAttached();
  await shot(page, 'entity-putin');
});

test('the export of a timeline view holds its whole filtered set, not the page shown', async ({ page }) => {
  const all = await (await page.request.get('/api/events?limit=1')).json();
  // The second page of the view: the export still starts at the first event.
  await page.goto('/#/events?offset=10');
  await expect(page.locator('#events .event').first()).toBeVisible();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('a.export-csv')]);
  expect(csv.suggestedFilename()).toBe('events.csv');
  const text = require('fs').readFileSync(await csv.path(), 'utf8');
  const rows = text.trim().split('\r\n');
  expect(rows[0]).toBe('id,date,published,type,mode,status,actors,outlet,attributed_to,evidence,url');
  expect(rows.length - 1).toBe(all.total);
  const pair = '/#/events?actor=' + encodeURIComponent('Vladimir Putin') + '&with=' + encodeURIComponent('Ilham Aliyev');
  const want = await (await page.request.get('/api/events?limit=1&actor=Vladimir%20Putin&with=Ilham%20Aliyev')).json();
  await page.goto(pair);
  await expect(page.locator('#events .event').first()).toBeVisible();
  const [jsonl] = await Promise.all([page.waitForEvent('download'), page.click('a.export-jsonl')]);
  const lines = require('fs').readFileSync(await jsonl.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.length).toBe(want.total);
  for (const e of lines) expect(e.actors.map((a) => a.key)).toEqual(expect.arrayContaining(['Vladimir Putin', 'Ilham Aliyev']));
});

test('English toggle', async ({ page }) => {
  await page.goto('/');
  await page.click('#lang');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('#nav')).toContainText('Timeline');
  await page.click('#lang');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('the XSS page is inert', async ({ page }) => {
  const inert = async () => {
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    // Nothing from the page became an element.
    // The desk's own charts are SVG (class chart-svg, drawn from numbers); nothing else is.
    expect(await page.locator('#main script, #main img, #main svg:not(.chart-svg), #main iframe, #main [onerror], #main [onclick], #main [onmouseover]').count()).toBe(0);
  };
  await page.goto('/#/search?q=' + encodeURIComponent('مواصلة الاتصالات'));
  const hit = page.locator('#text-results .hit-card').first();
  await expect(hit).toContainText('<script>');
  await inert();
  await hit.locator('a').first().click();
  await expect(page.locator('.article')).toContainText('<script>window.__xss=4</script>');
  await expect(page.locator('h1')).toContainText('<img src=x onerror=');
  await inert();
  await shot(page, 'xss-document');
  await page.goto('/#/stories?q=' + encodeURIComponent('مواصلة الاتصالات'));
  await page.locator('.story-link').first().click();
  await expect(page.locator('.report').first()).toBeVisible();
  await inert();
  await page.waitForTimeout(300);
  await inert();
  await shot(page, 'xss-story');
});

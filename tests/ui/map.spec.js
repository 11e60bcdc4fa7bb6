// The desk's map (#/map) in a real browser, on the seeds' store: the outlines and the
// code that draws them come from the binary (no request leaves the desk), the counts
// drawn are the API's, and Baku holds the Putin–Aliyev events. Screenshot:
// target/ui/map.png (and map-en.png, map-all.png).
const { test, expect } = require('@playwright/test');
const path = require('path');

const shots = path.resolve(__dirname, '../../target/ui');
const shot = (page, name) => page.screenshot({ path: path.join(shots, name + '.png'), fullPage: true });
const enc = encodeURIComponent;

test.beforeEach(async ({ page }) => {
  page.on('dialog', (d) => { throw new Error('a dialog opened: ' + d.message()); });
  page.on('pageerror', (e) => { throw new Error('page error: ' + e.message); });
});

// What the map draws, read from the page: each country's shading count, and each circle's
// places and count.
async function drawn(page) {
  const countries = await page.locator('#map path.country').evaluateAll((ns) =>
    Object.fromEntries(ns.filter((n) => n.dataset.iso).map((n) => [n.dataset.iso, Number(n.dataset.count)])));
  const points = await page.locator('#map .map-point').evaluateAll((ns) =>
    ns.map((n) => ({ keys: n.dataset.keys.split('|'), count: Number(n.dataset.count) })));
  return { countries, points };
}

test('the map places the Putin–Aliyev events at Baku, with the API\'s counts', async ({ page, request, baseURL }) => {
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith(baseURL)) outside.push(r.url()); });
  const filter = `actor=${enc('Vladimir Putin')}&with=${enc('Ilham Aliyev')}`;
  const api = await (await request.get('/api/map?' + filter)).json();
  const timeline = await (await request.get('/api/events?limit=1&' + filter)).json();
  expect(api.total).toBe(timeline.total);
  const baku = api.places.find((p) => p.key === 'Baku');
  expect(baku).toBeTruthy();
  expect(baku.count).toBeGreaterThanOrEqual(1);

  // From the timeline, the map link keeps the filters.
  await page.goto('/#/events?' + filter);
  await page.locator('a.map-link').click();
  await expect(page).toHaveURL(/#\/map\?actor=Vladimir/);
  const map = page.locator('#map');
  await expect(map).toHaveAttribute('data-total', String(api.total));
  await expect(map).toHaveAttribute('data-placed', String(api.placed));
  await expect(map).toHaveAttribute('data-unplaced', String(api.unplaced));
  await expect(page.locator('#map-total')).toContainText(`${api.total} `);

  // The shading is the API's count per country, and the circles hold every place the API
  // gives (those with neither coordinates nor a country are listed under the map).
  const { countries, points } = await drawn(page);
  for (const c of api.countries) expect(countries[c.key], c.key).toBe(c.count);
  expect(countries.AZE).toBeGreaterThanOrEqual(baku.count);
  const lost = await page.locator('#map-lost a').count();
  const onMap = points.reduce((n, p) => n + p.count, 0);
  expect(onMap).toBe(api.places.filter((p) => p.lat !== null || p.country).reduce((n, p) => n + p.count, 0));
  expect(points.flatMap((p) => p.keys).length + lost).toBe(api.places.length);

  // A click on the circle holding Baku lists Baku's events: the Putin–Aliyev ones.
  await page.locator('#map .map-point[data-keys*="Baku"]').click();
  const section = page.locator('#map-list .map-place[data-key="Baku"]');
  await expect(section.locator('.event')).toHaveCount(baku.count);
  await expect(section.locator('.place-count')).toContainText(`${baku.count} `);
  await expect(section.locator('h3')).toContainText('باكو');
  for (const card of await section.locator('.event').all()) {
    await expect(card).toContainText('بوتين');
    await expect(card).toContainText('علييف');
    await expect(card.locator('a.evidence-link')).toHaveAttribute('href', /^#\/doc\//);
  }
  await shot(page, 'map');

  // Zoomed in, Baku is a circle of its own, still with its count.
  for (let i = 0; i < 4; i++) await page.locator('button.zoom-in').click();
  const alone = page.locator('#map .map-point[data-keys="Baku"]');
  await expect(alone).toHaveCount(1);
  await expect(alone).toHaveAttribute('data-count', String(baku.count));

  // In English, left to right, with the place's English name.
  await page.locator('#lang').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('h1')).toHaveText('Map');
  await page.locator('#map .map-point[data-keys*="Baku"]').click();
  await expect(page.locator('#map-list .map-place[data-key="Baku"] h3')).toContainText('Baku');
  await shot(page, 'map-en');
  await page.locator('#lang').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  expect(outside).toEqual([]);
});

test('the whole map: every event of the store, countries shaded as the API counts them', async ({ page, request }) => {
  const api = await (await request.get('/api/map?min_confidence=0')).json();
  await page.goto('/#/map?min_confidence=0');
  await expect(page.locator('#map')).toHaveAttribute('data-total', String(api.total));
  const { countries } = await drawn(page);
  for (const c of api.countries) expect(countries[c.key], c.key).toBe(c.count);
  // A country click lists the events of its places.
  const aze = api.countries.find((c) => c.key === 'AZE');
  await page.locator('#map path.country[data-iso="AZE"]').dispatchEvent('click');
  await expect(page.locator('#map-list .map-place').first()).toBeVisible();
  const listed = await page.locator('#map-list .map-place .place-count').allTextContents();
  expect(listed.reduce((n, s) => n + parseInt(s, 10), 0)).toBe(aze.count);
  await shot(page, 'map-all');
});

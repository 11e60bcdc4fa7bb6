// The desk on a real month of news (issue 20): a store of a few thousand SaudiNewsNet
// articles (.ci/run builds it; MARSAD_UI_SCALE_DB), every page opened in Arabic with a
// time budget, every rendered entity name checked against the knowledge base's Arabic
// label, the home page's ranking checked. Screenshots: target/ui/scale-*.png.
const { test, expect } = require('@playwright/test');
const path = require('path');

const shots = path.resolve(__dirname, '../../target/ui');
const port = Number(process.env.MARSAD_UI_PORT || 18765) + 1;
const base = `http://127.0.0.1:${port}`;
// First render, counted from the view's last API answer to the frame painted after the
// page is built (the network: laid out): app.js writes it to body[data-render-ms].
const BUDGET_MS = Number(process.env.MARSAD_UI_BUDGET_MS || 1000);

test.skip(!process.env.MARSAD_UI_SCALE_DB && !process.env.CI, 'no MARSAD_UI_SCALE_DB');
test.beforeAll(() => {
  if (!process.env.MARSAD_UI_SCALE_DB) throw new Error('CI is set and MARSAD_UI_SCALE_DB is not');
});
test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => { throw new Error('page error: ' + e.message); });
});

const api = async (request, p) => {
  const res = await request.get(base + p);
  expect(res.ok(), p).toBeTruthy();
  return res.json();
};

// Opens `hash`, waits for the view, and returns its render time.
async function open(page, hash) {
  await page.goto(base + '/' + hash);
  await page.waitForFunction((h) => document.body.dataset.rendered === (h || '#/'), hash, { timeout: 30_000 });
  await expect(page.locator('#main .error')).toHaveCount(0);
  return Number(await page.evaluate(() => document.body.dataset.renderMs));
}

// Every entity name on the page is in Arabic where the knowledge base has an Arabic name.
const latin = /[A-Za-z]/;
const known = new Map();
async function labelsAreArabic(page, request, where) {
  const shown = await page.locator('#main [data-key]').evaluateAll((ns) => ns.map((n) => [n.dataset.key, n.textContent]));
  const wrong = [];
  for (const [key, text] of shown) {
    if (!key || !latin.test(text)) continue;
    if (!known.has(key)) known.set(key, await api(request, '/api/labels?key=' + encodeURIComponent(key)));
    const l = known.get(key);
    if (l.known) wrong.push(`${where}: «${text}» for ${key} (KB: ${l.label_ar})`);
  }
  expect(wrong, wrong.join('\n')).toEqual([]);
  return shown.length;
}

// The Arabic interface's own words: no type, mode or status tag left in English, and no
// internal handle of a described actor (`~GOV:RUS:…`) shown as a name.
async function tagsAreArabic(page, where) {
  const tags = await page.locator('#main .tag').allTextContents();
  const english = tags.filter((x) => latin.test(x));
  expect(english, `${where}: English tags ${english.join(', ')}`).toEqual([]);
  const names = await page.locator('#main .label').allTextContents();
  const handles = names.filter((x) => x.includes('~'));
  expect(handles, `${where}: internal handles shown ${handles.join(', ')}`).toEqual([]);
  return tags.length;
}

test('every page renders in budget, in Arabic, on a month of SaudiNewsNet', async ({ page, request }) => {
  const home = await api(request, '/api/stories?limit=10');
  const top = await api(request, '/api/entities?limit=1&type=PER');
  const story = home.items[0].story;
  const one = await api(request, '/api/stories/' + story);
  const doc = one.reports[0].doc;
  const person = top.items[0].key;
  const pages = [
    ['home', ''],
    ['timeline', '#/events'],
    ['timeline-assault', '#/events?type=ASSAULT'],
    ['stories', '#/stories'],
    ['stories-recent', '#/stories?sort=recent'],
    ['network', '#/network'],
    ['network-expanded', '#/network?expand=' + encodeURIComponent(person)],
    ['map', '#/map'],
    ['story', '#/story/' + story],
    ['entity', '#/entity/' + encodeURIComponent(person)],
    ['document', '#/doc/' + encodeURIComponent(doc)],
    ['documents', '#/documents'],
    ['search', '#/search?q=' + encodeURIComponent('الرياض')],
  ];
  const times = [];
  let names = 0;
  let tags = 0;
  for (const [name, hash] of pages) {
    const ms = await open(page, hash);
    const layout = hash.startsWith('#/network') ? ` (layout ${await page.locator('#graph').getAttribute('data-layout-ms')} ms)` : '';
    times.push(`${name} ${ms} ms${layout}`);
    names += await labelsAreArabic(page, request, name);
    tags += await tagsAreArabic(page, name);
    await page.screenshot({ path: path.join(shots, `scale-${name}.png`), fullPage: name !== 'document' });
    expect(ms, `${name}: first render ${ms} ms`).toBeLessThan(BUDGET_MS);
  }
  console.log('render times: ' + times.join(', ') + `; ${names} entity names and ${tags} tags checked`);
  expect(names).toBeGreaterThan(50);
  expect(tags).toBeGreaterThan(20);
});

test('the home page leads with dated, corroborated stories', async ({ page, request }) => {
  await open(page, '');
  const cards = page.locator('#home-stories .story');
  await expect(cards).toHaveCount(10);
  const home = await api(request, '/api/stories?limit=10');
  const lines = [];
  for (const [i, s] of home.items.entries()) {
    expect(s.date, `story ${s.story} has no date`).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(s.outlets >= 2 || s.confidence >= 0.85, `story ${s.story}: ${s.outlets} outlets, confidence ${s.confidence}`).toBeTruthy();
    await expect(cards.nth(i).locator('.story-date')).toHaveText(s.date);
    lines.push(`${s.story} ${s.type} ${s.date} ${s.articles} articles ${s.outlets} outlets c=${s.confidence}`);
  }
  console.log('home stories:\n' + lines.join('\n'));
  await page.screenshot({ path: path.join(shots, 'scale-home-stories.png'), fullPage: true });
  // The README's picture (docs/desk-home.png is a copy): the same page with the evidence
  // sentences blurred, since the corpus's text is never committed; names, types, dates
  // and counts stay readable.
  // (Through the CSSOM: the desk's Content-Security-Policy refuses inline style sheets.)
  await page.locator('.evidence').evaluateAll((ns) => ns.forEach((n) => { n.style.filter = 'blur(5px)'; }));
  await page.screenshot({ path: path.join(shots, 'readme-home.png'), fullPage: true,
    clip: { x: 0, y: 0, width: 1280, height: 1500 } });
});

test('the network draws a bounded graph and reveals an actor’s ties on click', async ({ page, request }) => {
  const net = await api(request, '/api/network');
  expect(net.nodes.length).toBeLessThanOrEqual(net.top);
  expect(net.total_nodes).toBeGreaterThan(net.nodes.length);
  const ms = await open(page, '#/network');
  expect(ms).toBeLessThan(BUDGET_MS);
  await expect(page.locator('#graph canvas').first()).toBeAttached();
  expect(Number(await page.locator('#graph').getAttribute('data-nodes'))).toBe(net.nodes.length);
  // Progressive reveal: expanding the least present actor shows its ties.
  const last = net.nodes[net.nodes.length - 1].key;
  const more = await api(request, '/api/network?expand=' + encodeURIComponent(last));
  expect(more.nodes.length).toBeGreaterThanOrEqual(net.nodes.length);
  const ms2 = await open(page, '#/network?expand=' + encodeURIComponent(last));
  expect(ms2).toBeLessThan(BUDGET_MS);
  expect(Number(await page.locator('#graph').getAttribute('data-nodes'))).toBe(more.nodes.length);
  // Aggregated groups: the armed men, soldiers or police the reports describe without a
  // name are nodes by sector and country, in Arabic, and a group's link opens the
  // timeline under its sector and country.
  const violence = await api(request, '/api/network?type=ASSAULT');
  const group = violence.nodes.find((n) => n.key.startsWith('group:'));
  expect(group, 'no group among the attacks’ actors').toBeTruthy();
  expect(group.label_ar).toMatch(/[\u0600-\u06FF]/);
  expect(group.label_ar).not.toMatch(/[A-Za-z:]/);
  await open(page, '#/network?type=ASSAULT');
  const link = page.locator('#edges a.group').first();
  await expect(link).toBeAttached();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^#\/events\?sector=[A-Z]+&country=[A-Z]{3}$/);
  const [sector, country] = [new URLSearchParams(href.split('?')[1]).get('sector'), new URLSearchParams(href.split('?')[1]).get('country')];
  const events = await api(request, `/api/events?sector=${sector}&country=${country}&limit=1`);
  expect(events.total).toBeGreaterThan(0);
});

test('filters are URL state with counts; bad values are refused', async ({ page, request }) => {
  const all = await api(request, '/api/stories?limit=1&facets=1');
  const type = all.facets.type[0];
  await open(page, '#/stories?type=' + type.value);
  await expect(page.locator('#story-filters select[name=type] option:checked')).toContainText(`(${type.count})`);
  await expect(page.locator('.pager .meta').first()).toContainText(String(type.count));
  for (const bad of ['/api/stories?type=NOPE', '/api/stories?sort=loudest', '/api/events?sector=mil%3B', '/api/network?from=July']) {
    expect((await request.get(base + bad)).status(), bad).toBe(400);
  }
  // The timeline's selects carry the counts of /api/events/facets, and choosing a
  // country leaves as many events as its option said.
  const ef = await api(request, '/api/events/facets');
  const country = ef.country[0];
  await open(page, '#/events');
  await expect(page.locator('form.filters select[name=type] option').nth(1)).toContainText(`(${ef.type[0].count})`);
  await expect(page.locator('form.filters select[name=outlet] option').nth(1)).toContainText(`(${ef.outlet[0].count})`);
  await page.locator('form.filters select[name=country]').selectOption(country.key || country.value);
  await page.locator('form.filters button[type=submit]').click();
  await page.waitForFunction((h) => document.body.dataset.rendered === h, '#/events?country=' + country.value);
  await expect(page.locator('.pager .meta').first()).toContainText(String(country.count));
  // The timeline's chart: events per day by type, as inline SVG.
  await open(page, '#/events');
  await expect(page.locator('#timeline-chart rect').first()).toBeAttached();
  await page.screenshot({ path: path.join(shots, 'scale-timeline-chart.png') });
});

test('the map of the month draws every placed event the API counts', async ({ page, request }) => {
  const m = await api(request, '/api/map');
  await open(page, '#/map');
  await expect(page.locator('#map')).toHaveAttribute('data-total', String(m.total));
  const drawn = await page.locator('#map .map-point').evaluateAll((ns) => ns.reduce((n, g) => n + Number(g.dataset.count), 0));
  // Places with neither coordinates nor a country (a sea, «the Arab world») are listed
  // under the map by name, each linking to its timeline.
  const lost = page.locator('#map-lost a');
  for (const a of await lost.all()) {
    await expect(a.locator('[data-key]')).toHaveCount(1);
    expect(await a.textContent()).not.toMatch(/http/);
  }
  const keys = await lost.locator('[data-key]').evaluateAll((ns) => ns.map((n) => n.dataset.key));
  for (const p of m.places.filter((x) => x.lat === null && !x.country)) expect(keys).toContain(p.key);
  const unmapped = m.places.filter((p) => keys.includes(p.key)).reduce((n, p) => n + p.count, 0);
  expect(drawn + unmapped).toBe(m.placed);
  await page.locator('button.zoom-in').click();
  expect(Number(await page.locator('#map').getAttribute('data-zoom'))).toBe(2);
  await page.screenshot({ path: path.join(shots, 'scale-map-zoomed.png') });
});

// The map view (#/map): the timeline's events under its filters, placed on a world map
// drawn from the binary's own files (assets/countries-50m.json, world-atlas, through
// topojson-client): no tiles, no network. Loaded after app.js, whose helpers (el, svg,
// api, t, label, nameOf, eventCard, eventFilterForm) it uses. Page text reaches the map
// only as text nodes (titles, the list of events), never as markup.
'use strict';

Object.assign(T.ar, {
  map: 'الخريطة', map_intro: 'الأحداث بحسب مكان وقوعها، تحت مرشحات الخط الزمني نفسها. انقر على دائرة أو بلد لعرض أحداثه.',
  on_map: 'على الخريطة', no_place: 'بلا مكان', not_on_map: 'أماكن بلا إحداثيات ولا بلد',
  zoom_in: 'تكبير', zoom_out: 'تصغير', zoom_reset: 'العالم كله', events_here: 'الأحداث هنا',
  point_city: 'مدينة أو محافظة', point_country: 'بلد أو إقليم (في وسط البلد)', show_all: 'في الخط الزمني',
  events_word: 'حدثا', more_events: 'أحداث أخرى في الخط الزمني',
});
Object.assign(T.en, {
  map: 'Map', map_intro: 'Events by where they happened, under the timeline\'s own filters. Click a circle or a country to list its events.',
  on_map: 'on the map', no_place: 'without a place', not_on_map: 'Places with neither coordinates nor country',
  zoom_in: 'Zoom in', zoom_out: 'Zoom out', zoom_reset: 'Whole world', events_here: 'Events here',
  point_city: 'city or division', point_country: 'country or region (at the country\'s centre)', show_all: 'in the timeline',
  events_word: 'events', more_events: 'more events in the timeline',
});

// Mercator, cut at 58°S and 84°N (Antarctica is left out: no event is placed there).
// Written here rather than vendoring d3-geo (and the d3-array it needs, 53 KB): one world
// view needs only this formula, and Natural Earth's polygons are already cut at the
// antimeridian, which is what d3-geo's clipping would otherwise be for.
const MAP_W = 1000;
const MERC = (lat) => Math.log(Math.tan(Math.PI / 4 + (Math.max(-85, Math.min(85, lat)) * Math.PI) / 360));
const MAP_TOP = MERC(84);
const MAP_S = MAP_W / (2 * Math.PI);
const MAP_H = Math.round((MAP_TOP - MERC(-58)) * MAP_S);
const project = (lon, lat) => [((lon + 180) / 360) * MAP_W, (MAP_TOP - MERC(lat)) * MAP_S];
// Circles closer than this (in the map's own units, about pixels at full width) at the
// current zoom are drawn as one.
const CLUSTER = 22;

// The world, read and projected once per page: [{iso, name, d, centre}].
let worldOnce = null;
function world() {
  if (!worldOnce) {
    worldOnce = Promise.all([api('/assets/countries-50m.json'), api('/assets/country-codes.json')]).then(([topo, codes]) => {
      const fc = window.topojson.feature(topo, topo.objects.countries);
      const out = [];
      for (const f of fc.features) {
        if (f.id === '010' || !f.geometry) continue;
        const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        let d = '';
        let best = null;
        for (const poly of polys) {
          // A piece that crosses the antimeridian (Russia's east, Fiji) is drawn with its
          // longitudes made continuous, and a second time a world-width away, so that no
          // edge runs across the whole map.
          const rings = poly.map(unwrap);
          const lons = rings.flat().map(([lon]) => lon);
          const shift = Math.max(...lons) > 180 ? -360 : Math.min(...lons) < -180 ? 360 : 0;
          for (const dx of shift ? [0, shift] : [0]) {
            rings.forEach((ring, i) => {
              const pts = ring.map(([lon, lat]) => project(lon + dx, lat));
              d += 'M' + pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L') + 'Z';
              if (i === 0 && dx === 0) {
                const c = ringCentre(pts);
                if (!best || c.area > best.area) best = c;
              }
            });
          }
        }
        out.push({ iso: codes.codes[f.id] || null, name: (f.properties && f.properties.name) || '', d, centre: best });
      }
      return out;
    });
    worldOnce.catch(() => { worldOnce = null; });
  }
  return worldOnce;
}
// A ring's longitudes made continuous: a step of more than half the world is a crossing of
// the antimeridian, not a line across the map.
function unwrap(ring) {
  let prev = null;
  return ring.map(([lon, lat]) => {
    if (prev !== null) {
      while (lon - prev > 180) lon -= 360;
      while (lon - prev < -180) lon += 360;
    }
    prev = lon;
    return [lon, lat];
  });
}
// The centroid of a polygon's outer ring on the projected plane (shoelace), and its area:
// a country's centre is that of its largest piece, so France's is in France, not pulled
// towards Guiana.
function ringCentre(pts) {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const f = pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
    a += f;
    cx += (pts[j][0] + pts[i][0]) * f;
    cy += (pts[j][1] + pts[i][1]) * f;
  }
  if (Math.abs(a) < 1e-9) return { area: 0, x: pts[0][0], y: pts[0][1] };
  return { area: Math.abs(a / 2), x: cx / (3 * a), y: cy / (3 * a) };
}

// Light to the desk's accent, on a log scale (a few countries hold most events).
function shade(count, max) {
  if (!count) return '#dce3e8';
  const f = Math.log(1 + count) / Math.log(1 + Math.max(1, max));
  const from = [0xcf, 0xe3, 0xec], to = [0x0b, 0x4a, 0x61];
  return '#' + from.map((c, i) => Math.round(c + (to[i] - c) * f).toString(16).padStart(2, '0')).join('');
}
function placeName(p) { return lang === 'ar' ? (p.label_ar || p.name || p.key) : (p.label_en || p.key); }

// Greedy clustering on screen: the places most events first, each joining the first
// cluster whose centre lies within CLUSTER units at this zoom or whose circle its own
// would overlap, else starting its own (drawn at its largest place, a real position).
// O(places × clusters): a few hundred.
function clusters(points, z, radius) {
  const out = [];
  for (const p of points) {
    const x = p.x * z.k + z.x, y = p.y * z.k + z.y;
    const near = out.find((c) => Math.hypot(c.x - x, c.y - y) < Math.max(CLUSTER, radius(c.count) + radius(p.count)));
    if (near) { near.places.push(p); near.count += p.count; } else out.push({ x, y, places: [p], count: p.count });
  }
  // A cluster grown after a neighbour was placed may now cover it: merge those too, into
  // the larger, until no two overlap.
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i], b = out[j];
        if (Math.hypot(a.x - b.x, a.y - b.y) < radius(a.count) + radius(b.count)) {
          a.places.push(...b.places);
          a.count += b.count;
          out.splice(j, 1);
          merged = true;
          break;
        }
      }
    }
  }
  return out;
}

const MAP_KEYS = ['actor', 'with', 'country', 'type', 'mode', 'status', 'sector', 'place', 'from', 'to', 'outlet', 'q', 'min_confidence'];
async function mapView(q) {
  const query = new URLSearchParams();
  for (const k of MAP_KEYS) if (q.get(k)) query.set(k, q.get(k));
  const [data, countries, facets] = await Promise.all([api(`/api/map?${query}`), world(),
    api(`/api/events/facets?${query}`)]);
  data.places.forEach(remember);
  data.countries.forEach(remember);
  const byIso = new Map(data.countries.map((c) => [c.key, c]));
  const centres = new Map(countries.filter((c) => c.iso && c.centre).map((c) => [c.iso, c.centre]));
  // A place with coordinates is drawn there; one without (a country, a region) at its
  // country's centre, as a ring; one with neither is listed under the map.
  const points = [], lost = [];
  for (const p of data.places) {
    if (p.lat !== null && p.lat !== undefined && p.lon !== null && p.lon !== undefined) {
      const [x, y] = project(p.lon, p.lat);
      points.push({ ...p, x, y, exact: true });
    } else if (p.country && centres.has(p.country)) {
      const c = centres.get(p.country);
      points.push({ ...p, x: c.x, y: c.y, exact: false });
    } else lost.push(p);
  }
  const maxCountry = Math.max(1, ...data.countries.map((c) => c.count));
  const maxPoint = Math.max(1, ...points.map((p) => p.count));

  const z = { k: 1, x: 0, y: 0 };
  const list = el('div', { id: 'map-list' });
  const base = svg('g', { class: 'map-world' });
  const dots = svg('g', { class: 'map-points' });
  const map = svg('svg', { id: 'map', class: 'map-svg', viewBox: `0 0 ${MAP_W} ${MAP_H}`, role: 'img',
    'data-total': data.total, 'data-placed': data.placed, 'data-unplaced': data.unplaced },
  svg('rect', { class: 'map-sea', x: -MAP_W * 50, y: -MAP_H * 50, width: MAP_W * 101, height: MAP_H * 101 }), base, dots);
  let dragged = false;
  for (const c of countries) {
    const got = c.iso ? byIso.get(c.iso) : null;
    const n = got ? got.count : 0;
    const path = svg('path', { d: c.d, class: n ? 'country has-events' : 'country', fill: shade(n, maxCountry),
      'data-iso': c.iso || '', 'data-count': n });
    if (got) {
      path.append(svg('title', {}, `${placeName(got)}: ${n}`));
      path.addEventListener('click', () => {
        if (dragged) return;
        showPlaces(placeName(got), data.places.filter((p) => p.country === c.iso));
      });
    }
    base.append(path);
  }

  const radius = (n) => 5 + 13 * Math.sqrt(n / maxPoint);
  function drawPoints() {
    base.setAttribute('transform', `translate(${z.x.toFixed(2)} ${z.y.toFixed(2)}) scale(${z.k.toFixed(4)})`);
    dots.replaceChildren();
    for (const c of clusters(points, z, radius)) {
      const exact = c.places.some((p) => p.exact);
      const r = radius(c.count);
      const names = c.places.map(placeName);
      const g = svg('g', { class: 'map-point' + (exact ? '' : ' approx'), 'data-keys': c.places.map((p) => p.key).join('|'),
        'data-count': c.count, tabindex: 0 },
      svg('title', {}, `${names.slice(0, 8).join('، ')}${names.length > 8 ? '…' : ''}: ${c.count}`),
      svg('circle', { cx: c.x, cy: c.y, r }),
      r >= 9 || c.count > 1 ? svg('text', { x: c.x, y: c.y + 4, 'text-anchor': 'middle' }, String(c.count)) : null);
      const open = () => { if (!dragged) showPlaces(names.slice(0, 3).join('، ') + (names.length > 3 ? '…' : ''), c.places); };
      g.addEventListener('click', open);
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') open(); });
      dots.append(g);
    }
    map.dataset.zoom = z.k.toFixed(2);
  }
  // Zoom about a point of the map (its own units), kept between the whole world and 64×.
  function zoomAt(f, px, py) {
    const k = Math.max(1, Math.min(64, z.k * f));
    z.x = px - ((px - z.x) * k) / z.k;
    z.y = py - ((py - z.y) * k) / z.k;
    z.k = k;
    clamp();
    drawPoints();
  }
  function clamp() {
    z.x = Math.min(0, Math.max(MAP_W - MAP_W * z.k, z.x));
    z.y = Math.min(0, Math.max(MAP_H - MAP_H * z.k, z.y));
  }
  const local = (ev) => {
    const m = map.getScreenCTM();
    return m ? [(ev.clientX - m.e) / m.a, (ev.clientY - m.f) / m.d] : [MAP_W / 2, MAP_H / 2];
  };
  map.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const [px, py] = local(ev);
    zoomAt(Math.exp(-ev.deltaY * 0.0015), px, py);
  }, { passive: false });
  let drag = null;
  map.addEventListener('pointerdown', (ev) => { drag = { at: local(ev), x: z.x, y: z.y }; dragged = false; });
  map.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const [px, py] = local(ev);
    const dx = px - drag.at[0], dy = py - drag.at[1];
    if (!dragged && Math.hypot(dx, dy) < 4) return;
    if (!dragged) map.setPointerCapture(ev.pointerId);
    dragged = true;
    z.x = drag.x + dx;
    z.y = drag.y + dy;
    clamp();
    drawPoints();
  });
  const release = () => { drag = null; setTimeout(() => { dragged = false; }, 0); };
  map.addEventListener('pointerup', release);
  map.addEventListener('pointercancel', release);

  // The events of some places, each place's under its own heading, from the timeline's
  // API with the view's filters and `place` (so the counts are the timeline's).
  async function showPlaces(title, places) {
    const sorted = [...places].sort((a, b) => b.count - a.count);
    list.replaceChildren(el('h2', {}, `${t('events_here')}: `, el('bdi', {}, title)), el('p', { className: 'meta' }, t('loading')));
    const pages = await Promise.all(sorted.map((p) => {
      const pq = new URLSearchParams(query);
      pq.set('place', p.key);
      return api(`/api/events?limit=${PAGE}&${pq}`).then((res) => ({ p, res, pq }));
    })).catch((e) => { list.replaceChildren(el('p', { className: 'error' }, String(e.message || e))); return null; });
    if (!pages) return;
    list.replaceChildren(el('h2', {}, `${t('events_here')}: `, el('bdi', {}, title)),
      ...pages.map(({ p, res, pq }) => el('section', { className: 'map-place', dataKey: p.key },
        el('h3', {}, nameOf(p.key, p), ' ', el('span', { className: 'meta place-count' }, `${res.total} ${t('events_word')}`), ' ',
          el('a', { href: '#/events?' + pq, className: 'meta' }, t('show_all'))),
        res.items.map(eventCard),
        res.total > res.items.length ? el('a', { href: '#/events?' + pq }, `${res.total - res.items.length} ${t('more_events')}`) : null)));
    list.scrollIntoView({ block: 'start' });
  }

  const zoomButton = (k, f) => el('button', { type: 'button', className: 'zoom-' + k, title: t('zoom_' + k), onclick: () => {
    if (f) zoomAt(f, MAP_W / 2, MAP_H / 2); else { z.k = 1; z.x = 0; z.y = 0; drawPoints(); }
  } }, k === 'in' ? '+' : k === 'out' ? '−' : '⟲');
  const swatch = (colour, className) => {
    const s = el('span', { className: 'swatch' + (className ? ' ' + className : '') });
    s.style.background = colour;
    return s;
  };
  const steps = [1, Math.round(Math.sqrt(maxCountry)), maxCountry].filter((v, i, a) => v >= 1 && a.indexOf(v) === i);
  setView(el('h1', {}, t('map')), el('p', {}, t('map_intro')),
    eventFilterForm(q, 'map', facets),
    el('p', { className: 'meta', id: 'map-total' },
      el('span', {}, `${data.total} ${t('events_word')}`),
      el('span', {}, `${data.placed} ${t('on_map')}`),
      el('span', {}, `${data.unplaced} ${t('no_place')}`),
      el('a', { href: '#/events?' + query }, t('timeline'))),
    el('div', { className: 'map-box' },
      el('div', { className: 'map-zoom' }, zoomButton('in', 2), zoomButton('out', 0.5), zoomButton('reset', 0)), map),
    el('div', { className: 'legend' },
      steps.map((v) => el('span', {}, swatch(shade(v, maxCountry)), String(v))),
      el('span', {}, swatch('#c0392b', 'dot'), t('point_city')),
      el('span', {}, swatch('transparent', 'dot ring'), t('point_country'))),
    lost.length ? el('p', { className: 'meta', id: 'map-lost' }, `${t('not_on_map')}: `,
      lost.flatMap((p) => [el('a', { href: '#/events?' + new URLSearchParams([...query, ['place', p.key]]) }, nameOf(p.key, p)), ` (${p.count})`])) : null,
    list);
  drawPoints();
}

// Marsad desk: a single page over /api. Every piece of page text is untrusted: it is put
// into the document as text nodes (el() / textContent) only, never parsed as markup.
'use strict';

const T = {
  ar: {
    timeline: 'الخط الزمني', stories: 'القصص', network: 'الشبكة', documents: 'الوثائق',
    search: 'بحث', search_ph: 'ابحث عن شخص أو مكان أو قصة، بأي تهجئة',
    footer: 'مرصد: قراءة الأخبار العربية دون اتصال. كل النصوص من الصفحات تُعرض نصا فقط.',
    home: 'مكتب المحلل', home_intro: 'ابحث عن شخص أو مكان أو قصة (قره باغ، قرة باغ، كاراباخ…)، أو تصفح الخط الزمني والقصص والشبكة.',
    entities: 'الأشخاص والأماكن والهيئات', results: 'نتائج النص', nothing: 'لا شيء',
    actor: 'الفاعل', with: 'مع', country: 'البلد', type: 'النوع', mode: 'الطريقة', status: 'الحالة',
    from: 'من', to: 'إلى', outlet: 'المصدر', text: 'نص', apply: 'تطبيق', any: 'الكل',
    evidence: 'الدليل', story: 'القصة', articles: 'مقالات', outlets: 'مصادر', reports: 'تقارير',
    next: 'التالي', prev: 'السابق', of: 'من', export_csv: 'تصدير CSV', export_jsonl: 'تصدير JSONL',
    events: 'الأحداث', events_by_month: 'الأحداث حسب الشهر', docs_by_month: 'الوثائق حسب الشهر',
    counterparts: 'الأطراف المقابلة', offices: 'المناصب', names: 'التهجئات', recent_events: 'أحدث الأحداث',
    recent_docs: 'أحدث الوثائق', mentions: 'إشارات', published: 'نُشر', date: 'تاريخ الحدث',
    attributed: 'بحسب', duplicate: 'نسخة شبه مكررة', loading: 'جارٍ التحميل…', pair: 'الأحداث المشتركة',
    network_intro: 'من يتشاور مع من، ومن يتهم أو يهاجم من؛ سُمك الخط = عدد القصص.', open: 'فتح',
    min_stories: 'أقل عدد من القصص', untitled: '(بلا عنوان)', document: 'الوثيقة', entities_in: 'الكيانات',
    all_confidence: 'كل الأحداث، بأي درجة ثقة', sector: 'القطاع', place: 'المكان', sort: 'الترتيب',
    rank: 'الأهم أولا', recent: 'الأحدث أولا', by_articles: 'الأكثر مقالات', first: 'ترتيب أول تقرير',
    undated: 'بلا تاريخ', confidence: 'الثقة', top: 'عدد الفاعلين', shown_of: 'معروض', actors_word: 'فاعلا',
    ties: 'روابط', expand_hint: 'انقر على فاعل لإظهار روابطه، وانقر مرتين لفتح صفحته.', events_by_day: 'الأحداث يوميا حسب النوع',
    activity: 'النشاط عبر الزمن', clear: 'مسح', month: 'الشهر',
    occurred: 'وقع', planned: 'مُعلن', claimed: 'مزعوم', denied: 'منفي',
    phone: 'هاتفيا', visit: 'زيارة', 'third-party': 'في بلد ثالث', multilateral: 'متعدد الأطراف',
    suicide: 'انتحاري', assassination: 'اغتيال', abduction: 'خطف', aerial: 'غارة جوية', explosives: 'تفجير',
    shelling: 'قصف', firearms: 'إطلاق نار', beating: 'ضرب', 'hunger-strike': 'إضراب عن الطعام',
    strike: 'إضراب', 'sit-in': 'اعتصام', riot: 'شغب', boycott: 'مقاطعة', demonstration: 'مظاهرة',
    curfew: 'حظر تجول', siege: 'حصار', raid: 'مداهمة', arrest: 'اعتقال', seizure: 'مصادرة',
    deport: 'ترحيل', ban: 'حظر',
    head_of_state: 'رئيس الدولة', head_of_government: 'رئيس الحكومة', foreign_minister: 'وزير الخارجية',
    defence_minister: 'وزير الدفاع', crown_prince: 'ولي العهد', vice_president: 'نائب الرئيس',
    CONSULT: 'تشاور', AGREE: 'اتفاق', ACCUSE: 'اتهام', ASSAULT: 'هجوم', THREATEN: 'تهديد', SUPPORT: 'دعم',
    REQUEST: 'طلب', COOPERATE: 'تعاون', AID: 'مساعدة', RETREAT: 'انسحاب', REJECT: 'رفض', PROTEST: 'احتجاج',
    SANCTION: 'عقوبات', MOBILIZE: 'حشد', COERCE: 'إكراه', CONCEDE: 'تنازل',
  },
  en: {
    timeline: 'Timeline', stories: 'Stories', network: 'Network', documents: 'Documents',
    search: 'Search', search_ph: 'Find a person, place or story, any spelling',
    footer: 'Marsad: Arabic news, read offline. All page text is shown as text only.',
    home: "Analyst's desk", home_intro: 'Search for a person, place or story (قره باغ, قرة باغ, كاراباخ…), or browse the timeline, stories and network.',
    entities: 'People, places and bodies', results: 'Text matches', nothing: 'Nothing found',
    actor: 'Actor', with: 'With', country: 'Country', type: 'Type', mode: 'Mode', status: 'Status',
    from: 'From', to: 'To', outlet: 'Outlet', text: 'Text', apply: 'Apply', any: 'Any',
    evidence: 'Evidence', story: 'Story', articles: 'articles', outlets: 'outlets', reports: 'reports',
    next: 'Next', prev: 'Previous', of: 'of', export_csv: 'Export CSV', export_jsonl: 'Export JSONL',
    events: 'Events', events_by_month: 'Events by month', docs_by_month: 'Documents by month',
    counterparts: 'Counterparts', offices: 'Offices held', names: 'Spellings', recent_events: 'Latest events',
    recent_docs: 'Latest documents', mentions: 'mentions', published: 'Published', date: 'Event date',
    attributed: 'According to', duplicate: 'near-duplicate', loading: 'Loading…', pair: 'Shared events',
    network_intro: 'Who consults, accuses or attacks whom; edge width = stories.', open: 'Open',
    min_stories: 'Fewest stories', untitled: '(untitled)', document: 'Document', entities_in: 'Entities',
    all_confidence: 'All events, any confidence', sector: 'Sector', place: 'Place', sort: 'Order',
    rank: 'Most important first', recent: 'Latest first', by_articles: 'Most articles', first: 'Order of first report',
    undated: 'undated', confidence: 'confidence', top: 'Actors shown', shown_of: 'shown', actors_word: 'actors',
    ties: 'ties', expand_hint: 'Click an actor to reveal its ties; double-click to open its page.', events_by_day: 'Events per day by type',
    activity: 'Activity over time', clear: 'Clear', month: 'Month',
  },
};
const TYPES = ['CONSULT', 'AGREE', 'ACCUSE', 'ASSAULT', 'THREATEN', 'SUPPORT', 'REQUEST', 'COOPERATE',
  'AID', 'RETREAT', 'REJECT', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'CONCEDE'];
// PLOVER's modes as the schema lists them (marsad_schema::EVENT_MODES; a test of the
// serve crate checks that this list and the Arabic labels above hold every one).
const MODES = ['phone', 'visit', 'third-party', 'multilateral', 'suicide', 'assassination', 'abduction',
  'aerial', 'explosives', 'shelling', 'firearms', 'beating', 'hunger-strike', 'strike', 'sit-in', 'riot',
  'boycott', 'demonstration', 'curfew', 'siege', 'raid', 'arrest', 'seizure', 'deport', 'ban'];
const STATUSES = ['occurred', 'planned', 'claimed', 'denied'];
const PAGE = 50;

let lang = localStorage.getItem('marsad-lang') === 'en' ? 'en' : 'ar';
const names = new Map(); // entity key -> Arabic name, as the API gives it

function t(k) { return (T[lang] && T[lang][k]) || T.ar[k] || k; }
function label(k) { return lang === 'en' ? k : (T.ar[k] || k); }

// el('a', {href: '#/x', className: 'c'}, 'text', child): children that are strings
// become text nodes; attributes are set as properties from a short allow-list.
function el(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'href') n.setAttribute('href', safeHref(v));
    else if (k === 'className' || k === 'title' || k === 'type' || k === 'name' || k === 'value' ||
      k === 'placeholder' || k === 'id' || k === 'dir' || k === 'download') n[k] = String(v);
    else if (k === 'onclick' || k === 'onsubmit' || k === 'onchange') n.addEventListener(k.slice(2), v);
    else if (k === 'dataKey') n.dataset.key = String(v);
    else if (k === 'selected') n.selected = !!v;
    else if (k === 'checked') n.checked = !!v;
    else throw new Error('attribute not allowed: ' + k);
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    n.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return n;
}
// Links we make point into the app, to the API, or to an http(s) page.
function safeHref(v) {
  const s = String(v);
  if (s.startsWith('#/') || s.startsWith('/api/')) return s;
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch (e) { /* not a URL */ }
  return '#/';
}
function enc(s) { return encodeURIComponent(s); }

// When the last API answer of the current view was read (performance.now()): a view's
// render time is counted from it (document.body.dataset.renderMs, read by the UI tests).
let answeredAt = 0;
async function api(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  answeredAt = performance.now();
  if (!res.ok) throw new Error((body && body.error) || ('HTTP ' + res.status));
  return body;
}

// Display names come from the API (label_ar, label_en on every entity it names; see
// crates/marsad-serve/src/labels.rs); they are remembered by key for views that only
// have a key. A key never labelled is shown as written.
function remember(o) {
  if (o && o.key && o.label_ar) names.set(o.key, { ar: o.label_ar, en: o.label_en || o.key });
  return o;
}
function entityName(key) {
  const l = names.get(key);
  if (!l) return key;
  return lang === 'ar' ? l.ar : l.en;
}
// An entity's name as a span that says which key it names (the label test reads it).
function nameOf(key, o) {
  remember(o);
  return el('span', { className: 'label', dataKey: key }, entityName(key));
}
function entityLink(key, o) {
  return el('a', { href: '#/entity/' + enc(key), className: 'entity' }, nameOf(key, o));
}
// The network's nodes: an actor, or a group of actors named by description
// (`group:MIL:YEM`, the API's label «عسكريون (اليمن)»), which has no page of its own: its
// filters (sector, country) stand for it on the timeline and the stories.
function groupFilters(key) {
  if (!key.startsWith('group:')) return null;
  const [sector, country] = key.slice(6).split(':');
  return country ? { sector, country } : { sector };
}
function pairQuery(a, b) {
  const f = new URLSearchParams();
  for (const k of [a, b]) {
    const g = groupFilters(k);
    if (g) for (const [n, v] of Object.entries(g)) f.set(n, v);
    else f.set(f.has('actor') ? 'with' : 'actor', k);
  }
  return f.toString();
}
function nodeLink(key) {
  const g = groupFilters(key);
  if (!g) return entityLink(key);
  return el('a', { href: '#/events?' + new URLSearchParams(g), className: 'entity group' }, nameOf(key));
}
// Who acted — on whom: two sources or two targets are listed with a comma, so that an
// attack with two victims and no attacker named reads as victims, not as a pair.
function actorsView(actors) {
  const out = [];
  (actors || []).forEach((a, i) => {
    const prev = i ? actors[i - 1].role : null;
    if (i) out.push(prev === a.role && a.role !== 'party' ? '، ' : ' — ');
    if (a.key) out.push(entityLink(a.key, a));
    else out.push(el('span', { className: 'label described', dataKey: a.country || '' },
      lang === 'ar' ? (a.label_ar || a.text || '?') : (a.label_en || a.text || '?')));
  });
  return el('span', { className: 'actors' }, out);
}
function attributed(e) {
  if (!e.attributed_to) return null;
  return el('span', {}, `${t('attributed')}: `, nameOf(e.attributed_to, e.attributed_label));
}
function statusTag(s) { return el('span', { className: 'tag status-' + s }, label(s)); }

// Text with one span [a, b) (in code points) marked.
function marked(text, a, b) {
  const cs = Array.from(text || '');
  return [cs.slice(0, a).join(''), el('mark', { className: 'evidence-mark' }, cs.slice(a, b).join('')), cs.slice(b).join('')];
}
// The cleaned article as paragraphs, with the evidence span highlighted.
function articleView(text, a, b) {
  const cs = Array.from(text || '');
  const box = el('div', { className: 'article' });
  let start = 0;
  const lines = cs.join('').split('\n');
  for (const line of lines) {
    const len = Array.from(line).length;
    const end = start + len;
    const p = el('p');
    if (a !== undefined && a < end && b > start) {
      const la = Math.max(a, start) - start, lb = Math.min(b, end) - start;
      p.append(...marked(line, la, lb).map((x) => (x instanceof Node ? x : document.createTextNode(x))));
    } else p.textContent = line;
    if (line.trim()) box.append(p);
    start = end + 1;
  }
  return box;
}

function setView(...kids) {
  const m = document.getElementById('main');
  m.replaceChildren(...kids.flat().filter(Boolean));
  window.scrollTo(0, 0);
}
function fail(e) { setView(el('p', { className: 'error' }, String(e.message || e))); }
function params() {
  const h = location.hash.replace(/^#/, '');
  const i = h.indexOf('?');
  return { path: i < 0 ? h : h.slice(0, i), q: new URLSearchParams(i < 0 ? '' : h.slice(i + 1)) };
}

function pager(total, offset, limit, go) {
  const p = el('div', { className: 'pager' });
  if (offset > 0) p.append(el('button', { type: 'button', onclick: () => go(Math.max(0, offset - limit)) }, t('prev')));
  p.append(el('span', { className: 'meta' }, `${total ? offset + 1 : 0}–${Math.min(offset + limit, total)} ${t('of')} ${total}`));
  if (offset + limit < total) p.append(el('button', { type: 'button', onclick: () => go(offset + limit) }, t('next')));
  return p;
}

function eventCard(e) {
  const hl = `${e.evidence.start}-${e.evidence.end}`;
  return el('div', { className: 'card event' },
    el('div', {},
      el('span', { className: 'tag' }, label(e.type)),
      e.mode ? el('span', { className: 'tag' }, label(e.mode)) : null,
      statusTag(e.status), ' ', actorsView(e.actors)),
    el('div', { className: 'meta' },
      el('span', {}, `${t('date')}: ${e.date || '—'}`),
      el('span', {}, `${t('published')}: ${e.published || '—'}`),
      e.outlet ? el('span', {}, e.outlet) : null,
      attributed(e)),
    el('div', { className: 'evidence' }, e.evidence.text),
    el('a', { href: `#/doc/${enc(e.doc)}?hl=${hl}`, className: 'evidence-link' }, t('evidence') + ' ←'));
}

function storyCard(s) {
  return el('div', { className: 'card story' },
    el('div', {},
      el('a', { href: '#/story/' + s.story, className: 'story-link' }, `${t('story')} ${s.story}`), ' ',
      el('span', { className: 'tag' }, label(s.type)),
      s.mode ? el('span', { className: 'tag' }, label(s.mode)) : null,
      statusTag(s.status), ' ', actorsView(s.actors)),
    el('div', { className: 'meta' },
      el('span', { className: 'story-date ltr' }, s.date || `${t('undated')} (${t('published')} ${s.reported || '—'})`),
      el('span', { className: 'story-articles' }, `${s.articles} ${t('articles')}`),
      el('span', { className: 'story-outlets' }, `${s.outlets} ${t('outlets')}`),
      s.where ? el('span', {}, nameOf(s.where, s.where_label)) : null,
      s.confidence !== undefined ? el('span', {}, `${t('confidence')} ${s.confidence}`) : null),
    s.evidence ? el('div', { className: 'evidence' }, s.evidence) : null);
}

// The export of the current view is the server's (/api/events/export): the whole filtered
// timeline, not just the page shown, streamed as CSV or JSON Lines (formula-like cells
// quoted there). The links carry the view's filters and no offset.
function exportLink(query, fmt) {
  const q = new URLSearchParams(query);
  q.delete('offset');
  q.set('format', fmt);
  return el('a', { href: '/api/events/export?' + q, className: 'button export-' + fmt, download: 'events.' + fmt },
    t('export_' + fmt));
}

// Views ---------------------------------------------------------------------------------

async function home() {
  const [stats, top, stories] = await Promise.all([
    api('/api/stats'), api('/api/entities?limit=12'), api('/api/stories?limit=10&sort=rank')]);
  setView(el('h1', {}, t('home')), el('p', {}, t('home_intro')),
    el('p', { className: 'meta' }, `${stats.documents} ${t('documents')} · ${stats.events} ${t('events')} · ${stories.total} ${t('stories')}`),
    el('div', { className: 'cols' },
      el('div', {}, el('h2', {}, t('entities')), el('ul', {}, top.items.map((e) =>
        el('li', {}, entityLink(e.key, e), ' ', el('span', { className: 'meta' }, `${e.documents} ${t('documents')}`))))),
      el('div', { id: 'home-stories' }, el('h2', {}, el('a', { href: '#/stories' }, t('stories')), ' ',
        el('span', { className: 'meta' }, t('rank'))), stories.items.map(storyCard))));
}

async function searchView(q) {
  document.getElementById('q').value = q;
  if (!q.trim()) return home();
  const [ents, stories, hits] = await Promise.all([
    api('/api/entities?limit=20&q=' + enc(q)),
    api('/api/stories?limit=50&q=' + enc(q)),
    api('/api/search?limit=20&q=' + enc(q)).catch(() => ({ items: [] })),
  ]);
  setView(el('h1', {}, `${t('search')}: `, el('bdi', {}, q)),
    el('h2', {}, t('entities')),
    ents.items.length ? el('ul', { id: 'entity-results' }, ents.items.map((e) => el('li', {}, entityLink(e.key, e), ' ',
      el('span', { className: 'meta' }, `${e.type} · ${e.documents} ${t('documents')}`)))) : el('p', {}, t('nothing')),
    el('h2', {}, `${t('stories')} (${stories.total})`),
    el('div', { id: 'story-results' }, stories.items.length ? stories.items.map(storyCard) : el('p', {}, t('nothing'))),
    el('h2', {}, t('results')),
    el('div', { id: 'text-results' }, hits.items.length ? hits.items.map((h) => el('div', { className: 'card hit-card' },
      el('a', { href: '#/doc/' + enc(h.doc) }, h.title || t('untitled')),
      el('div', { className: 'meta' }, el('span', {}, h.published || '—'), h.outlet ? el('span', {}, h.outlet) : null),
      el('div', {}, h.highlights.map((p) => (p.hit ? el('mark', { className: 'hit' }, p.text) : p.text))))) : el('p', {}, t('nothing'))));
}

function select(name, values, current, labelled) {
  return el('select', { name }, el('option', { value: '' }, t('any')),
    values.map((v) => el('option', { value: v, selected: v === current }, labelled ? label(v) : v)));
}

// The timeline's filters as a form; the map (#/map) takes the same ones, so a view's
// filters carry over to the other through the URL. `facets` (/api/events/facets): each
// select shows how many events its values leave, and countries, outlets and places
// become selects of their most frequent values.
function eventFilterForm(q, view, facets) {
  const input = (k) => el('label', {}, t(k), el('input', { name: k, value: q.get(k) || '' }));
  const f = facets || {};
  const choose = (k, values, labelled, keyed) => f[k]
    ? el('label', {}, t(k), facetSelect(k, f[k], q.get(k) || '', labelled, keyed))
    : values ? el('label', {}, t(k), select(k, values, q.get(k) || '', labelled)) : input(k);
  return el('form', { className: 'filters card', onsubmit: (ev) => {
    ev.preventDefault();
    const f = new URLSearchParams();
    for (const [k, v] of new FormData(ev.target)) if (v) f.set(k, v);
    location.hash = `#/${view}?` + f;
  } },
  input('actor'), input('with'), choose('country', null, false, true),
  choose('type', TYPES, true), choose('mode', MODES, true), choose('status', STATUSES, true),
  input('sector'), choose('place', null, false, true), input('from'), input('to'),
  choose('outlet', null), input('q'),
  // The API shows trusted events (confidence 0.70 and up) unless asked for all.
  el('label', {}, el('input', { type: 'checkbox', name: 'min_confidence', value: '0',
    checked: q.get('min_confidence') === '0' }), t('all_confidence')),
  el('button', { type: 'submit' }, t('apply')));
}

async function eventsView(q) {
  const keys = ['actor', 'with', 'country', 'type', 'mode', 'status', 'sector', 'place', 'from', 'to', 'outlet', 'q', 'min_confidence'];
  const offset = Number(q.get('offset') || 0);
  const query = new URLSearchParams();
  for (const k of keys) if (q.get(k)) query.set(k, q.get(k));
  const [res, days, facets] = await Promise.all([
    api(`/api/events?limit=${PAGE}&offset=${offset}&${query}`),
    api(`/api/events/days?${query}`),
    api(`/api/events/facets?${query}`)]);
  const form = eventFilterForm(q, 'events', facets);
  const go = (o) => { query.set('offset', o); location.hash = '#/events?' + query; };
  setView(el('h1', {}, t('timeline')), form,
    el('h2', {}, t('events_by_day')), dayChart(days, 'timeline-chart'),
    el('div', { className: 'pager' },
      exportLink(query, 'csv'), ' ', exportLink(query, 'jsonl'), ' ',
      el('a', { href: '#/map?' + query, className: 'button map-link' }, t('map'))),
    pager(res.total, offset, PAGE, go), el('div', { id: 'events' }, res.items.map(eventCard)), pager(res.total, offset, PAGE, go));
}

const STORY_KEYS = ['q', 'actor', 'with', 'type', 'mode', 'status', 'country', 'sector', 'place', 'outlet', 'from', 'to', 'sort'];
// A filter as a select whose options carry their counts in the current view.
function facetSelect(name, facet, current, labelled, keyed) {
  const values = (facet || []).map((f) => { if (keyed) remember({ key: f.value, label_ar: f.label_ar, label_en: f.label_en }); return f; });
  if (current && !values.some((f) => f.value === current)) values.unshift({ value: current, count: 0 });
  return el('select', { name }, el('option', { value: '' }, t('any')),
    values.map((f) => el('option', { value: f.value, selected: f.value === current },
      `${keyed ? entityName(f.value) : labelled ? label(f.value) : f.value} (${f.count})`)));
}
async function storiesView(q) {
  const offset = Number(q.get('offset') || 0);
  const query = new URLSearchParams();
  for (const k of STORY_KEYS) if (q.get(k)) query.set(k, q.get(k));
  const res = await api(`/api/stories?limit=${PAGE}&offset=${offset}&facets=1&${query}`);
  const f = res.facets || {};
  const go = (o) => { query.set('offset', o); location.hash = '#/stories?' + query; };
  const input = (k) => el('label', {}, t(k), el('input', { name: k, value: q.get(k) || '' }));
  const form = el('form', { className: 'filters card', id: 'story-filters', onsubmit: (ev) => {
    ev.preventDefault();
    const fd = new URLSearchParams();
    for (const [k, v] of new FormData(ev.target)) if (v) fd.set(k, v);
    location.hash = '#/stories?' + fd;
  } },
  el('label', {}, t('sort'), el('select', { name: 'sort' }, [['rank', 'rank'], ['recent', 'recent'], ['articles', 'by_articles'], ['first', 'first']]
    .map(([v, k]) => el('option', { value: v, selected: (q.get('sort') || 'rank') === v }, t(k))))),
  el('label', {}, t('type'), facetSelect('type', f.type, q.get('type'), true)),
  el('label', {}, t('mode'), facetSelect('mode', f.mode, q.get('mode'), true)),
  el('label', {}, t('status'), facetSelect('status', f.status, q.get('status'), true)),
  el('label', {}, t('actor'), facetSelect('actor', f.actor, q.get('actor'), false, true)),
  el('label', {}, t('country'), facetSelect('country', f.country, q.get('country'), false, true)),
  el('label', {}, t('sector'), facetSelect('sector', f.sector, q.get('sector'), false, true)),
  el('label', {}, t('place'), facetSelect('place', f.place, q.get('place'), false, true)),
  el('label', {}, t('outlet'), facetSelect('outlet', f.outlet, q.get('outlet'))),
  input('from'), input('to'), input('q'),
  q.get('with') ? el('input', { type: 'hidden', name: 'with', value: q.get('with') }) : null,
  el('button', { type: 'submit' }, t('apply')), el('a', { href: '#/stories', className: 'button' }, t('clear')));
  setView(el('h1', {}, t('stories')), form, pager(res.total, offset, PAGE, go),
    el('div', { id: 'story-list' }, res.items.map(storyCard)), pager(res.total, offset, PAGE, go));
}

async function storyView(n) {
  const s = await api('/api/stories/' + enc(n));
  (s.actors || []).forEach(remember);
  const keys = (s.actors || []).map((a) => a.key).filter(Boolean);
  setView(el('h1', {}, `${t('story')} ${s.story}: `, label(s.type), s.mode ? ` (${label(s.mode)})` : '', ' — ', actorsView(s.actors)),
    el('p', { className: 'meta' }, el('span', {}, s.date || '—'), el('span', {}, `${s.articles} ${t('articles')}`),
      el('span', {}, `${s.outlets} ${t('outlets')}`), el('span', {}, `${s.reports.length} ${t('reports')}`)),
    keys.length >= 2 ? el('p', {}, el('a', { href: `#/events?actor=${enc(keys[0])}&with=${enc(keys[1])}` }, t('pair')), ' · ',
      el('a', { href: `#/stories?actor=${enc(keys[0])}&with=${enc(keys[1])}` }, t('stories'))) : null,
    s.reports.map((r) => el('div', { className: 'card report' },
      el('h2', {}, r.title || t('untitled')),
      el('div', { className: 'meta' },
        el('span', {}, r.outlet || '—'),
        el('span', {}, `${t('published')}: ${r.published || '—'}`),
        el('span', {}, `${t('date')}: ${r.date || '—'}`),
        statusTag(r.status),
        attributed(r),
        r.duplicate ? el('span', {}, t('duplicate')) : null,
        r.url ? el('a', { href: r.url, className: 'ltr' }, r.url) : null,
        el('a', { href: '#/doc/' + enc(r.doc) }, t('document'))),
      el('div', { className: 'evidence' }, r.evidence.text),
      articleView(r.text || '', r.evidence.start, r.evidence.end))));
  const m = document.querySelector('mark.evidence-mark');
  if (m) m.scrollIntoView({ block: 'center' });
}

function chart(months) {
  const max = Math.max(1, ...months.map((m) => m.count));
  const bars = el('div', { className: 'chart' });
  const labels = el('div', { className: 'chart-labels' });
  for (const m of months) {
    const b = el('div', { className: 'bar', title: `${m.month}: ${m.count}` }, el('span', {}, String(m.count)));
    b.style.height = `${Math.round((m.count / max) * 100)}%`;
    bars.append(b);
    labels.append(el('span', {}, m.month));
  }
  return [bars, labels];
}

// Inline SVG charts, drawn from numbers only (no page text becomes markup: titles are
// text nodes). The class `chart-svg` marks them as the desk's own.
const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...kids) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, typeof v === 'number' ? String(Math.round(v * 10) / 10) : String(v));
  for (const kid of kids) if (kid !== null && kid !== undefined) n.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  return n;
}
const COLOURS = ['#0b5d7a', '#c0392b', '#e69f00', '#2e8b57', '#7b4fa0', '#56b4e9', '#a0522d', '#d55e00', '#808080'];
// Stacked bars: one per day, a segment per type (the most frequent types coloured, the
// rest grey), days missing from the data drawn as gaps.
function dayChart(data, id) {
  const days = data.days || [];
  if (!days.length) return el('p', {}, t('nothing'));
  const types = (data.types || []).map((x) => x.value);
  const shown = types.slice(0, COLOURS.length - 1);
  const colour = (k) => COLOURS[shown.indexOf(k) >= 0 ? shown.indexOf(k) : COLOURS.length - 1];
  const first = Date.parse(days[0].day), last = Date.parse(days[days.length - 1].day);
  const n = Math.max(1, Math.round((last - first) / 86400000) + 1);
  const W = 900, H = 160, pad = 24, bw = Math.max(1, (W - pad) / n);
  const max = Math.max(1, ...days.map((d) => Object.values(d.counts).reduce((a, b) => a + b, 0)));
  const g = svg('svg', { viewBox: `0 0 ${W} ${H + 20}`, class: 'chart-svg', id, role: 'img', width: '100%' });
  g.append(svg('line', { x1: pad, y1: H, x2: W, y2: H, stroke: '#999' }));
  g.append(svg('text', { x: 0, y: 12, 'font-size': 11, fill: '#555' }, String(max)));
  for (const d of days) {
    const i = Math.round((Date.parse(d.day) - first) / 86400000);
    let y = H;
    const total = Object.values(d.counts).reduce((a, b) => a + b, 0);
    const bar = svg('g', { class: 'day' }, svg('title', {}, `${d.day}: ${total}`));
    for (const k of types) {
      const c = d.counts[k];
      if (!c) continue;
      const h = (c / max) * (H - 16);
      y -= h;
      bar.append(svg('rect', { x: pad + i * bw, y, width: Math.max(1, bw - 1), height: h, fill: colour(k) }));
    }
    g.append(bar);
  }
  g.append(svg('text', { x: pad, y: H + 16, 'font-size': 11, fill: '#555' }, days[0].day));
  g.append(svg('text', { x: W, y: H + 16, 'font-size': 11, fill: '#555', 'text-anchor': 'end' }, days[days.length - 1].day));
  const legend = el('div', { className: 'legend' }, shown.map((k) => {
    const sw = el('span', { className: 'swatch' });
    sw.style.background = colour(k);
    const total = data.types.find((x) => x.value === k).count;
    return el('span', {}, sw, `${label(k)} ${total}`);
  }));
  return el('div', { className: 'day-chart' }, g, legend);
}
function activityChart(activity, months) {
  if (activity && activity.days && activity.days.length) return dayChart(activity, 'activity-chart');
  return months && months.length ? chart(months) : el('p', {}, t('nothing'));
}

async function entityView(key) {
  const e = await api('/api/entities/' + enc(key));
  e.counterparts.forEach(remember);
  setView(el('h1', {}, nameOf(e.key, e), ' ', el('span', { className: 'meta ltr' }, e.key)),
    el('p', { className: 'meta' }, el('span', {}, e.type), e.country ? el('span', {}, nameOf(e.country.key, e.country)) : null,
      el('span', {}, `${e.documents} ${t('documents')}`), el('span', {}, `${e.mentions} ${t('mentions')}`),
      el('a', { href: '#/events?actor=' + enc(e.key) }, `${e.events} ${t('events')}`),
      el('a', { href: '#/stories?actor=' + enc(e.key) }, `${e.stories} ${t('stories')}`)),
    e.names.length ? el('p', {}, `${t('names')}: `, e.names.map((n, i) => [i ? '، ' : '', el('bdi', {}, n)])) : null,
    e.offices.length ? [el('h2', {}, t('offices')), el('table', {}, e.offices.map((o) =>
      el('tr', {}, el('td', {}, label(o.office)), el('td', {}, o.country ? nameOf(o.country) : ''), el('td', { className: 'ltr' }, `${o.start} – ${o.end || '…'}`))))] : null,
    el('h2', {}, t('activity')), activityChart(e.activity || [], e.events_by_month),
    el('h2', {}, t('docs_by_month')), e.documents_by_month.length ? chart(e.documents_by_month) : el('p', {}, t('nothing')),
    el('h2', {}, t('counterparts')),
    el('ul', {}, e.counterparts.map((c) => el('li', {}, entityLink(c.key, c), ' ',
      el('a', { href: `#/events?actor=${enc(e.key)}&with=${enc(c.key)}`, className: 'meta' }, `${c.events} ${t('events')}`)))),
    el('h2', {}, t('recent_events')), e.recent_events.map(eventCard),
    el('h2', {}, t('recent_docs')), el('ul', {}, e.recent_documents.map((d) => el('li', {},
      el('a', { href: '#/doc/' + enc(d.doc) }, d.title || d.doc), ' ', el('span', { className: 'meta' }, d.published || '')))));
}

async function docView(id, q) {
  const d = await api('/api/documents/' + enc(id));
  const hl = (q.get('hl') || '').split('-').map(Number);
  const has = hl.length === 2 && hl.every(Number.isFinite);
  setView(el('h1', {}, d.title || t('untitled')),
    el('p', { className: 'meta' }, el('span', {}, d.outlet || '—'), el('span', {}, d.published || '—'),
      d.url ? el('a', { href: d.url, className: 'ltr' }, d.url) : null, el('span', { className: 'ltr' }, d.doc)),
    (d.events || []).length ? [el('h2', {}, t('events')), d.events.map((e) => el('div', { className: 'card' },
      el('span', { className: 'tag' }, label(e.type)), statusTag(e.status), ' ', actorsView(e.actors), ' ',
      el('a', { href: `#/doc/${enc(d.doc)}?hl=${e.evidence.start}-${e.evidence.end}` }, t('evidence'))))] : null,
    el('h2', {}, t('entities_in')),
    el('p', {}, (d.entities || []).map((e, i) => [i ? ' · ' : '', entityLink(e.key, e)])),
    el('div', { className: 'card' }, has ? articleView(d.text, hl[0], hl[1]) : articleView(d.text)));
  const m = document.querySelector('mark.evidence-mark');
  if (m) m.scrollIntoView({ block: 'center' });
}

async function documentsView(q) {
  const offset = Number(q.get('offset') || 0);
  const res = await api(`/api/documents?limit=${PAGE}&offset=${offset}`);
  const go = (o) => { location.hash = '#/documents?offset=' + o; };
  setView(el('h1', {}, t('documents')), pager(res.total, offset, PAGE, go),
    el('table', {}, res.items.map((d) => el('tr', {},
      el('td', {}, el('a', { href: '#/doc/' + enc(d.doc) }, d.title || d.doc)),
      el('td', {}, d.outlet || ''), el('td', { className: 'ltr' }, d.published || '')))));
}

// The network: the server chooses what to draw (the `top` actors under the filters, ties
// of at least `min` stories); a click on an actor adds it to `expand` (in the URL, so the
// view is a link) and its strongest ties appear; a double-click opens its page.
const NET_KEYS = ['type', 'mode', 'status', 'country', 'sector', 'place', 'outlet', 'from', 'to', 'min', 'top', 'expand'];
async function networkView(q) {
  const query = new URLSearchParams();
  for (const k of NET_KEYS) if (q.get(k)) query.set(k, q.get(k));
  // The network is drawn from the stories under its filters: the stories' counts per
  // value are what each of its filters leaves.
  const storyFilters = new URLSearchParams([...query].filter(([k]) => !['min', 'top', 'expand'].includes(k)));
  const [net, counted] = await Promise.all([api(`/api/network?${query}`),
    api(`/api/stories?limit=1&facets=1&${storyFilters}`)]);
  const f = counted.facets || {};
  net.nodes.forEach(remember);
  const graph = el('div', { id: 'graph' });
  const input = (k, type) => el('label', {}, t(k), el('input', { name: k, value: q.get(k) || '', type: type || 'text' }));
  const form = el('form', { className: 'filters card', onsubmit: (ev) => {
    ev.preventDefault();
    const f = new URLSearchParams();
    for (const [k, v] of new FormData(ev.target)) if (v) f.set(k, v);
    location.hash = '#/network?' + f;
  } },
  el('label', {}, t('type'), facetSelect('type', f.type, q.get('type'), true)),
  el('label', {}, t('mode'), facetSelect('mode', f.mode, q.get('mode'), true)),
  el('label', {}, t('status'), facetSelect('status', f.status, q.get('status'), true)),
  el('label', {}, t('country'), facetSelect('country', f.country, q.get('country'), false, true)),
  el('label', {}, t('sector'), facetSelect('sector', f.sector, q.get('sector'), false, true)),
  el('label', {}, t('place'), facetSelect('place', f.place, q.get('place'), false, true)),
  el('label', {}, t('outlet'), facetSelect('outlet', f.outlet, q.get('outlet'))),
  input('from'), input('to'),
  el('label', {}, t('min_stories'), el('input', { name: 'min', type: 'number', value: String(net.min) })),
  el('label', {}, t('top'), el('input', { name: 'top', type: 'number', value: String(net.top) })),
  q.get('expand') ? el('input', { type: 'hidden', name: 'expand', value: q.get('expand') }) : null,
  el('button', { type: 'submit' }, t('apply')));
  const list = el('table', { id: 'edges' }, net.edges.map((e) => el('tr', {},
    el('td', {}, nodeLink(e.source)), el('td', {}, nodeLink(e.target)),
    el('td', {}, el('a', { href: `#/stories?${pairQuery(e.source, e.target)}`, className: 'edge-stories' }, `${e.stories} ${t('stories')}`)),
    el('td', { className: 'meta' }, Object.entries(e.types).map(([k, v]) => `${label(k)} ${v}`).join('، ')))));
  setView(el('h1', {}, t('network')), el('p', {}, t('network_intro')), form,
    el('p', { className: 'meta', id: 'network-size' },
      `${net.nodes.length} ${t('shown_of')} / ${net.total_nodes} ${t('actors_word')} · ${net.edges.length} / ${net.total_edges} ${t('ties')} · ${t('expand_hint')}`),
    graph, el('h2', {}, t('counterparts')), list);
  if (typeof window.cytoscape !== 'function') return;
  const started = performance.now();
  const maxW = Math.max(1, ...net.nodes.map((n) => n.stories));
  const maxE = Math.max(1, ...net.edges.map((e) => e.stories));
  const cy = window.cytoscape({
    container: graph, pixelRatio: 1, hideEdgesOnViewport: true, textureOnViewport: true,
    elements: [
      ...net.nodes.map((n) => ({ data: { id: n.key, label: entityName(n.key), weight: n.stories } })),
      ...net.edges.map((e, i) => ({ data: { id: 'e' + i, source: e.source, target: e.target, weight: e.stories, label: String(e.stories) } })),
    ],
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 12, 'background-color': '#0b5d7a',
        width: `mapData(weight, 1, ${maxW}, 14, 56)`, height: `mapData(weight, 1, ${maxW}, 14, 56)`, 'text-valign': 'bottom' } },
      { selector: 'edge', style: { width: `mapData(weight, 1, ${maxE}, 1, 10)`, 'line-color': '#9bb7c6',
        'font-size': 9, 'curve-style': 'haystack' } },
      { selector: 'edge:selected', style: { label: 'data(label)' } },
    ],
    // Rings by presence, the most present actors in the middle: linear in the nodes, so
    // it is laid out in milliseconds (a force layout of the first desk never finished on
    // thousands of nodes, and took a second on forty with the machine loaded).
    layout: { name: 'concentric', animate: false, concentric: (n) => n.data('weight'),
      levelWidth: () => Math.max(1, maxW / 5), minNodeSpacing: 18, avoidOverlap: true },
  });
  graph.dataset.layoutMs = String(Math.round(performance.now() - started));
  graph.dataset.nodes = String(cy.nodes().length);
  let timer = null;
  cy.on('tap', 'node', (ev) => {
    const key = ev.target.id();
    clearTimeout(timer);
    timer = setTimeout(() => {
      const shown = (q.get('expand') || '').split('|').filter(Boolean);
      if (!shown.includes(key)) shown.push(key);
      query.set('expand', shown.slice(-20).join('|'));
      location.hash = '#/network?' + query;
    }, 300);
  });
  cy.on('dbltap', 'node', (ev) => {
    clearTimeout(timer);
    const key = ev.target.id();
    const g = groupFilters(key);
    location.hash = g ? '#/events?' + new URLSearchParams(g) : '#/entity/' + enc(key);
  });
  cy.on('tap', 'edge', (ev) => {
    const d = ev.target.data();
    location.hash = `#/events?${pairQuery(d.source, d.target)}`;
  });
}

async function route() {
  const { path, q } = params();
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  setView(el('p', { className: 'meta' }, t('loading')));
  const hash = location.hash;
  delete document.body.dataset.rendered;
  try {
    if (parts[0] === 'search') await searchView(q.get('q') || '');
    else if (parts[0] === 'events') await eventsView(q);
    else if (parts[0] === 'stories') await storiesView(q);
    else if (parts[0] === 'story' && parts[1]) await storyView(parts[1]);
    else if (parts[0] === 'entity' && parts[1]) await entityView(parts.slice(1).join('/'));
    else if (parts[0] === 'doc' && parts[1]) await docView(parts.slice(1).join('/'), q);
    else if (parts[0] === 'documents') await documentsView(q);
    else if (parts[0] === 'network') await networkView(q);
    else if (parts[0] === 'map') await mapView(q);
    else await home();
  } catch (e) { fail(e); }
  // Rendered: the view built (and the network laid out), then one frame painted.
  requestAnimationFrame(() => setTimeout(() => {
    if (location.hash !== hash) return;
    document.body.dataset.renderMs = String(Math.round(performance.now() - answeredAt));
    document.body.dataset.rendered = hash || '#/';
  }, 0));
}

function applyLang() {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = lang === 'ar' ? 'مرصد' : 'Marsad';
  document.getElementById('brand').textContent = lang === 'ar' ? 'مرصد' : 'Marsad';
  document.getElementById('lang').textContent = lang === 'ar' ? 'EN' : 'ع';
  for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  for (const n of document.querySelectorAll('[data-i18n-placeholder]')) n.placeholder = t(n.dataset.i18nPlaceholder);
}

document.addEventListener('DOMContentLoaded', () => {
  applyLang();
  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'ar' ? 'en' : 'ar';
    localStorage.setItem('marsad-lang', lang);
    applyLang();
    route();
  });
  document.getElementById('search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = '#/search?q=' + enc(document.getElementById('q').value);
  });
  window.addEventListener('hashchange', route);
  route();
});

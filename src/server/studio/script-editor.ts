/**
 * The new/edit source screen (plain browser JS): the form is the source as JSON (field names are
 * its key paths, `list.item`), every edit of the address, type, time zone or a selector refreshes
 * POST /api/preview after a quiet spell, and saving posts (or puts) the source.
 */
export const SCRIPT_EDITOR = String.raw`
var PREVIEW_KEYS = /^(url|type|timezone|language|list\.|article\.)/;

function editorScreen() {
  var form = document.getElementById('source-form');
  var editingId = body.getAttribute('data-source-id');
  var debounce = Number(body.getAttribute('data-debounce')) || 500;
  var $ = function (id) { return document.getElementById(id); };
  var field = function (name) { return form.elements.namedItem(name); };
  var preview = $('preview');
  var pStatus = $('preview-status');
  var idTouched = !!editingId;

  /** The edited source as loaded: keys the form does not show (limit, maxItems…) are kept as they were. */
  var loaded = null;
  var FORM_KEYS = ['id', 'url', 'title', 'type', 'timezone', 'language', 'schedule', 'list', 'article', 'filters'];

  /** The source the form describes: only what the user filled in (checkboxes only when unticked). */
  function readSource() {
    var source = {};
    if (loaded) Object.keys(loaded).forEach(function (k) { if (FORM_KEYS.indexOf(k) < 0) source[k] = loaded[k]; });
    var set = function (name, value) {
      var path = name.split('.');
      var at = source;
      for (var i = 0; i < path.length - 1; i++) at = at[path[i]] = at[path[i]] || {};
      at[path[path.length - 1]] = value;
    };
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.type === 'checkbox') return;
      var value = input.value.trim();
      if (value !== '') set(input.name, value);
    });
    if (source.filters && !field('filters.caseSensitive').checked) source.filters.caseSensitive = false;
    if (!field('article.fetch').checked) set('article.fetch', false);
    // The render switch keeps what else the source's render says (waitFor, timeout).
    var mode = $('f-render').value;
    var was = source.render && typeof source.render === 'object' ? source.render : {};
    if (mode) source.render = Object.assign({}, was, { mode: mode }); else delete source.render;
    return source;
  }

  function fill(source) {
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name) return;
      var value = input.name.split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, source);
      if (input.type === 'checkbox') input.checked = value !== false;
      else input.value = value == null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
    });
    if (source.filters) form.querySelector('details.filters').open = true;
    $('f-render').value = (typeof source.render === 'string' ? source.render : source.render && source.render.mode) || '';
  }

  function previewRequest() {
    var s = readSource();
    var req = { url: s.url };
    ['type', 'list', 'article', 'timezone', 'language', 'render'].forEach(function (k) { if (s[k] !== undefined) req[k] = s[k]; });
    return req;
  }

  var timer = null;
  var controller = null;
  var seq = 0;
  function schedule(delay) { clearTimeout(timer); timer = setTimeout(runPreview, delay === undefined ? debounce : delay); }

  function runPreview() {
    var req = previewRequest();
    if (!req.url || !safeUrl(req.url) || !/^https?:/i.test(req.url)) { pStatus.textContent = 'Paste the address of a site (http or https).'; return; }
    if (controller) controller.abort();
    controller = new AbortController();
    var mine = ++seq;
    preview.setAttribute('aria-busy', 'true');
    pStatus.textContent = 'Reading ' + req.url + '…';
    api('POST', '/api/preview', req, controller.signal).then(function (r) {
      if (mine !== seq) return;
      preview.setAttribute('aria-busy', 'false');
      if (!r.ok) {
        // A request the loader refuses (a selector that does not parse…) is flagged at its fields.
        var problems = (r.data && (r.data.problems || r.data.errors)) || [];
        renderPreview({ warnings: problems });
        pStatus.textContent = 'No preview: ' + problemText(r);
        return;
      }
      renderPreview(r.data || {});
    }, function (e) {
      if (mine !== seq || e.name === 'AbortError') return;
      preview.setAttribute('aria-busy', 'false');
      pStatus.textContent = 'Could not reach the server: ' + e.message;
    });
  }

  function show(wrapId, on) { $(wrapId).hidden = !on; }
  var text = function (v) {
    if (v == null) return '';
    if (Array.isArray(v)) return v.map(text).join(', ');
    return typeof v === 'object' ? (v.value != null ? text(v.value) : v.text || v.name || '') : String(v);
  };

  function renderPreview(p) {
    var items = p.items || [];
    var groups = p.groups || [];
    var articles = p.articles || [];
    pStatus.textContent = p.type || p.items ? 'Found ' + items.length + ' item' + (items.length === 1 ? '' : 's') + (p.type ? ' (' + p.type + ')' : '') + (p.readBy === 'browser' ? ', read in the browser' : '') + '.' : pStatus.textContent;
    if (p.title && !field('title').value) field('title').placeholder = text(p.title);

    var feeds = clear($('preview-feeds'));
    (p.feeds || []).slice(0, 3).forEach(function (f) {
      var url = safeUrl(typeof f === 'string' ? f : f.url || f.href);
      if (!url) return;
      feeds.appendChild(el('p', { class: 'alert info' }, ['This site already has a feed: ', el('a', { href: url, rel: 'noreferrer', text: url }), ' ',
        el('button', { type: 'button', class: 'button small', text: 'Use it', onclick: function () {
          field('url').value = url; field('type').value = 'feed'; schedule(0);
        } })]));
    });

    var warnings = clear($('preview-warnings'));
    if (p.error) warnings.appendChild(el('li', { text: p.error }));
    form.querySelectorAll('.field-warning').forEach(function (n) { n.parentNode.removeChild(n); });
    (p.warnings || []).forEach(function (w) {
      var message = typeof w === 'string' ? w : w.message || JSON.stringify(w);
      warnings.appendChild(el('li', { text: message }));
      // A selector that matched nothing is flagged at its field too, before anything is saved.
      var input = w.field ? field(w.field) : null;
      if (input && input.parentNode) input.parentNode.appendChild(el('small', { class: 'field-warning', role: 'status', text: message }));
    });

    var list = clear($('preview-groups'));
    var current = field('list.item').value.trim();
    groups.forEach(function (g, i) {
      var sel = g.list || g.selectors || {};
      var chosen = !!current && sel.item === current;
      var count = g.links != null ? g.links : g.linkCount;
      var samples = g.sample || g.samples || [];
      list.appendChild(el('li', { class: 'group' + (chosen ? ' chosen' : '') }, [
        el('div', null, [
          el('strong', { text: (count != null ? count + ' links' : 'Group ' + (i + 1)) + (g.score != null ? ' · score ' + Math.round(g.score * 100) / 100 : '')
            + (g.chosen ? ' · automatic choice' : '') + (g.menu ? ' · looks like a menu' : '') }),
          el('p', { text: samples.slice(0, 3).map(text).join(' · ') }),
          el('p', { class: 'mono', text: sel.item || '' }),
        ]),
        el('button', { type: 'button', class: 'button small' + (chosen ? ' primary' : ''), 'aria-pressed': chosen ? 'true' : 'false',
          'aria-label': 'Use group ' + (i + 1), text: chosen ? 'Chosen' : 'Use this', onclick: function () {
            ['item', 'link', 'title', 'date', 'summary', 'image'].forEach(function (k) { field('list.' + k).value = sel[k] || ''; });
            if (field('type').value === '') field('type').value = 'html';
            renderPreview(p);
            list.querySelectorAll('button')[i].focus();
            schedule(0);
          } }),
      ]));
    });
    show('preview-groups-wrap', groups.length > 0);

    var ul = clear($('preview-items'));
    items.forEach(function (it) {
      var url = safeUrl(it.url);
      var img = safeUrl(text(it.image));
      ul.appendChild(el('li', { class: 'item' }, [
        img ? el('img', { src: img, alt: '', loading: 'lazy', referrerpolicy: 'no-referrer' }) : null,
        el('div', null, [
          el('div', { class: 'item-title' }, [url ? el('a', { href: url, rel: 'noreferrer', text: text(it.title) || url }) : text(it.title)]),
          el('div', { class: 'item-meta' }, [it.date ? timeEl(text(it.date)) : 'no date']),
          it.summary ? el('p', { class: 'item-summary', text: text(it.summary) }) : null,
        ]),
      ]));
    });
    show('preview-items-wrap', items.length > 0);

    var box = clear($('preview-articles'));
    articles.forEach(function (a) {
      var fields = a.fields || a;
      var row = function (label, key) {
        var f = fields[key];
        var from = f && typeof f === 'object' && !Array.isArray(f) ? f.from || f.provenance : null;
        var value = text(f);
        return [el('dt', { text: label }), el('dd', null, [el('span', { class: key === 'text' || key === 'content' ? 'excerpt' : '', text: value || '—' }),
          from ? el('span', { class: 'from', title: 'Where this came from', text: String(from) }) : null])];
      };
      var textKey = fields.text !== undefined ? 'text' : 'content';
      box.appendChild(el('article', { class: 'article' }, [
        el('dl', null, [].concat(row('Title', 'title'), row('Author', fields.authors !== undefined ? 'authors' : 'author'),
          row('Date', fields.published !== undefined ? 'published' : 'date'), row('Text', textKey))),
        a.error ? el('p', { class: 'field-error', text: a.error }) : null,
        a.url && safeUrl(a.url) ? el('p', { class: 'item-meta' }, [el('a', { href: safeUrl(a.url), rel: 'noreferrer', text: a.url })]) : null,
      ]));
    });
    show('preview-articles-wrap', articles.length > 0);
  }

  form.addEventListener('input', function (e) {
    var name = e.target.name || '';
    if (name === 'url' && !idTouched) field('id').value = proposeId(e.target.value);
    if (name === 'id') idTouched = true;
    if (PREVIEW_KEYS.test(name)) schedule();
  });
  form.addEventListener('change', function (e) { if (e.target.tagName === 'SELECT') schedule(); });
  $('preview-now').addEventListener('click', function () { schedule(0); });

  function proposeId(u) {
    try { var p = new URL(u); return (p.hostname.replace(/^www\./, '') + p.pathname).replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).toLowerCase(); } catch (e) { return ''; }
  }

  function showErrors(r) {
    form.querySelectorAll('[aria-invalid]').forEach(function (i) { i.removeAttribute('aria-invalid'); });
    form.querySelectorAll('.field-error').forEach(function (e) { e.hidden = true; e.textContent = ''; });
    var details = (r.data && (r.data.details || r.data.problems || r.data.errors)) || [];
    var unplaced = [];
    details.forEach(function (d) {
      var input = d.field ? field(d.field) : null;
      var slot = input && input.id ? $(input.id + '-error') : null;
      if (slot) { slot.textContent = d.message; slot.hidden = false; input.setAttribute('aria-invalid', 'true'); }
      else unplaced.push((d.field ? d.field + ': ' : '') + d.message);
    });
    var box = $('form-error');
    box.textContent = unplaced.length || !details.length ? (unplaced.length ? unplaced.join('; ') : problemText(r)) : 'Fix the fields marked below.';
    box.hidden = false;
    var first = form.querySelector('[aria-invalid=true]');
    (first || box).focus && (first || box).focus();
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var source = readSource();
    if (editingId) source.id = editingId;
    $('save').disabled = true;
    $('form-error').hidden = true;
    var call = editingId ? api('PUT', '/api/sources/' + encodeURIComponent(editingId), source) : api('POST', '/api/sources', source);
    call.then(function (r) {
      $('save').disabled = false;
      if (!r.ok) { showErrors(r); return; }
      if (!editingId) {
        // Saved once: from now on this screen edits that source.
        editingId = source.id;
        loaded = source;
        field('id').readOnly = true;
        $('save').textContent = 'Save changes';
        history.replaceState(null, '', '/admin/sources/' + encodeURIComponent(editingId) + '/edit');
      }
      showSaved(source.id);
    }, function (err) { $('save').disabled = false; showErrors({ status: 0, data: { message: 'Could not reach the server: ' + err.message } }); });
  });

  function showSaved(id) {
    var list = clear($('saved-urls'));
    [['RSS', 'rss'], ['Atom', 'atom'], ['JSON Feed', 'json']].forEach(function (pair) {
      var url = feedUrl(id, pair[1]);
      var input = el('input', { type: 'text', readonly: true, value: url, 'aria-label': pair[0] + ' feed address' });
      var button = el('button', { type: 'button', class: 'button small', text: 'Copy', 'aria-label': 'Copy the ' + pair[0] + ' address' });
      button.addEventListener('click', function () { copyText(url, input).then(function () { button.textContent = 'Copied'; }); });
      list.appendChild(el('li', null, [el('span', { class: 'label', text: pair[0] }), input, button,
        el('a', { class: 'button small ghost', href: url, text: 'Open' })]));
    });
    $('saved-opml').href = baseUrl + '/feeds.opml';
    $('saved').hidden = false;
    $('saved').focus();
  }

  if (editingId) {
    field('id').readOnly = true;
    api('GET', '/api/sources/' + encodeURIComponent(editingId)).then(function (r) {
      if (!r.ok) { showErrors(r); return; }
      var d = r.data || {};
      loaded = d.written || d.config || (d.source && typeof d.source === 'object' ? d.source : d);
      fill(loaded);
      schedule(0);
    });
  }
}
`;

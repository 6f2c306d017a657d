/** The sources screen: the table from GET /api/sources, and each row's actions (plain browser JS). */
export const SCRIPT_SOURCES = String.raw`
/** One entry of GET /api/sources, whatever nesting the API uses, flattened for the table. */
function sourceRow(s) {
  var cfg = s.config || (s.source && typeof s.source === 'object' ? s.source : null) || s;
  var st = s.state || {};
  var id = s.id || cfg.id;
  var origin = s.origin || 'file';
  var paused = !!(s.pausedAt || s.paused);
  return {
    id: id, title: cfg.title || st.title || id, url: cfg.url || (cfg.urls && cfg.urls[0]) || null,
    type: cfg.type || 'html', origin: origin, paused: paused, status: paused ? 'paused' : (st.status || 'pending'),
    lastAttempt: st.lastAttempt || null, nextAttempt: paused ? null : st.nextAttempt || null,
    itemCount: typeof st.itemCount === 'number' ? st.itemCount : null,
    lastError: st.lastError || null, unmatched: st.unmatchedSelectors || [],
  };
}

var STATE_WORDS = { ok: 'OK', failing: 'Failing', pending: 'Not run yet', paused: 'Paused' };

function configErrorText(e) {
  if (!e) return null;
  if (typeof e === 'string') return e;
  if (Array.isArray(e.messages) && e.messages.length) return e.messages.join(' ');
  var where = [e.file, e.line ? 'line ' + e.line : null, e.field || null].filter(Boolean).join(', ');
  return (where ? where + ': ' : '') + (e.message || JSON.stringify(e));
}

function sourcesScreen() {
  var tbody = document.getElementById('sources-body');
  var status = document.getElementById('status');
  var configError = document.getElementById('config-error');
  var say = function (text) { status.textContent = text; };

  function actionButton(label, action, row, extra) {
    return el('button', Object.assign({ type: 'button', class: 'button small', 'data-action': action, 'data-id': row.id,
      'aria-label': label + ' ' + row.title, text: label }, extra || {}));
  }

  function render(rows) {
    clear(tbody);
    if (rows.length === 0) {
      tbody.appendChild(el('tr', null, [el('td', { colspan: 7, class: 'muted' }, ['No sources yet. ',
        el('a', { href: '/admin/sources/new', text: 'Add the first one' }), '.'])]));
      return;
    }
    rows.forEach(function (row) {
      var fromFile = row.origin === 'file';
      var fetched = row.type !== 'push' && row.type !== 'merge';
      var site = safeUrl(row.url);
      var actions = el('div', { class: 'row-actions' }, [
        fetched ? actionButton('Run now', 'refresh', row) : null,
        fetched && !fromFile ? actionButton(row.paused ? 'Resume' : 'Pause', row.paused ? 'resume' : 'pause', row) : null,
        fromFile ? el('span', { class: 'badge', title: 'Defined in the config file: edit it there', text: 'config file' })
          : el('a', { class: 'button small', href: '/admin/sources/' + encodeURIComponent(row.id) + '/edit', 'aria-label': 'Edit ' + row.title, text: 'Edit' }),
        fromFile ? null : actionButton('Delete', 'delete', row, { class: 'button small danger' }),
        el('a', { class: 'button small ghost', href: feedUrl(row.id, 'rss'), 'aria-label': 'Open the feed of ' + row.title, text: 'Feed' }),
      ]);
      var error = row.lastError ? el('span', { class: 'error-text', text: row.lastError })
        : row.unmatched.length ? el('span', { class: 'error-text', text: 'Matched nothing: ' + row.unmatched.join('; ') }) : el('span', { class: 'muted', text: '—' });
      tbody.appendChild(el('tr', { 'data-source': row.id }, [
        el('td', { 'data-label': 'Source' }, [el('div', null, [
          el('span', { class: 'source-name', text: row.title }),
          el('span', { class: 'source-meta' }, [row.id + ' · ' + row.type + (site ? ' · ' : ''), site ? el('a', { href: site, rel: 'noreferrer', text: new URL(site).host }) : null]),
        ])]),
        el('td', { 'data-label': 'State' }, [el('span', { class: 'badge ' + row.status, text: STATE_WORDS[row.status] || row.status })]),
        el('td', { 'data-label': 'Last run' }, [timeEl(row.lastAttempt)]),
        el('td', { 'data-label': 'Next run' }, [timeEl(row.nextAttempt)]),
        el('td', { 'data-label': 'Items', class: 'num', text: row.itemCount === null ? '—' : String(row.itemCount) }),
        el('td', { 'data-label': 'Last error' }, [error]),
        el('td', { 'data-label': 'Actions' }, [actions]),
      ]));
    });
  }

  function load() {
    return api('GET', '/api/sources').then(function (r) {
      if (!r.ok) { say('Could not list the sources: ' + problemText(r)); return; }
      var list = Array.isArray(r.data) ? r.data : (r.data.sources || []);
      var problem = [configErrorText(r.data.configError)].concat(Array.isArray(r.data.problems) ? r.data.problems : []).filter(Boolean).join(' ');
      configError.hidden = !problem;
      configError.textContent = problem ? (r.data.configError ? 'The config file has an error, so its last good version still runs: ' : '') + problem : '';
      render(list.map(sourceRow));
    }, function (e) { say('Could not reach the server: ' + e.message); });
  }

  var WORDS = { refresh: 'Running', pause: 'Pausing', resume: 'Resuming', delete: 'Deleting' };
  tbody.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-action]');
    if (!button) return;
    var id = button.getAttribute('data-id');
    var action = button.getAttribute('data-action');
    if (action === 'delete' && !window.confirm('Delete the source "' + id + '" and all its stored items? This cannot be undone.')) return;
    var path = '/api/sources/' + encodeURIComponent(id) + (action === 'delete' ? '' : '/' + action);
    button.disabled = true;
    say(WORDS[action] + ' ' + id + '…');
    api(action === 'delete' ? 'DELETE' : 'POST', path).then(function (r) {
      if (!r.ok) { say('Could not ' + (action === 'refresh' ? 'run' : action) + ' ' + id + ': ' + problemText(r)); button.disabled = false; return; }
      say(action === 'delete' ? 'Deleted ' + id + '.' : action === 'refresh' ? 'Ran ' + id + '.' : (action === 'pause' ? 'Paused ' : 'Resumed ') + id + '.');
      return load().then(function () {
        // Keep the keyboard where it was: on the row's matching action (pause ↔ resume), or the table.
        var row = tbody.querySelector('tr[data-source="' + CSS.escape(id) + '"]');
        var twin = { pause: 'resume', resume: 'pause' }[action] || action;
        var next = row && row.querySelector('button[data-action="' + twin + '"]');
        (next || document.getElementById('main')).focus();
      });
    }, function (e) { say('Could not reach the server: ' + e.message); button.disabled = false; });
  });

  load();
}
`;

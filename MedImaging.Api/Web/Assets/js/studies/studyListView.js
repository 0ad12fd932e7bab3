// The study list: a status filter, pages through the API's cursor, and auto-refresh while studies are in progress.
import { listStudies } from '../shared/api.js';
import { h, replaceChildren } from '../shared/dom.js';
import { Poller } from '../shared/poller.js';
import { problemView } from '../shared/problem.js';
import { isWorking, studyStatuses } from '../shared/status.js';
import { studyTable } from './studyTable.js';

const defaultPageSize = 25;

/** #/studies?status=&limit=: the page size may be chosen in the address (1 to 200, the API's bounds). */
export function studyListView(main, params) {
  const status = studyStatuses.includes(params.get('status')) ? params.get('status') : '';
  const requested = Number.parseInt(params.get('limit') ?? '', 10);
  const pageSize = requested >= 1 && requested <= 200 ? requested : defaultPageSize;
  // Cursors of the pages before this one, so "Previous" can go back (the API only pages forward).
  const cursors = [];
  let cursor = null;
  let page = null;

  const results = h('div', { class: 'results', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading studies…'));
  const refreshed = h('p', { class: 'muted refresh-note' });
  const previous = h('button', { type: 'button', class: 'button', disabled: true }, 'Previous page');
  const next = h('button', { type: 'button', class: 'button', disabled: true }, 'Next page');
  const filter = h('select', { id: 'status-filter', name: 'status' },
    h('option', { value: '' }, 'All statuses'),
    studyStatuses.map(s => h('option', { value: s, selected: s === status }, s)));

  filter.addEventListener('change', () => {
    const query = new URLSearchParams();
    if (filter.value) query.set('status', filter.value);
    if (pageSize !== defaultPageSize) query.set('limit', String(pageSize));
    location.hash = `#/studies${query.size ? `?${query}` : ''}`;
  });
  next.addEventListener('click', () => { if (page?.nextCursor) { cursors.push(cursor); cursor = page.nextCursor; reload(); } });
  previous.addEventListener('click', () => { if (cursors.length) { cursor = cursors.pop(); reload(); } });

  main.append(
    h('h1', {}, 'Studies'),
    h('form', { class: 'toolbar', role: 'search', onsubmit: event => event.preventDefault() },
      h('label', { for: 'status-filter' }, 'Status'), filter,
      h('a', { class: 'button button-primary', href: '#/upload' }, 'Upload studies')),
    results,
    h('nav', { class: 'pager', 'aria-label': 'Pages of studies' }, previous, next),
    refreshed);

  async function refresh() {
    try {
      page = await listStudies({ status, cursor, limit: pageSize });
      replaceChildren(results, page.items.length
        ? studyTable(page.items, status ? `Studies with status ${status}` : 'All studies, most recently updated first')
        : h('p', { class: 'empty' }, status ? `No ${status} studies.` : 'No studies yet. Upload DICOM files to start one.'));
      next.disabled = !page.nextCursor;
      previous.disabled = cursors.length === 0;
      const working = page.items.some(s => isWorking(s.status));
      refreshed.textContent = `Updated ${new Date().toLocaleTimeString()}${working ? ' · refreshing while studies are in progress' : ''}`;
      return working;
    } catch (error) {
      replaceChildren(results, problemView(error, 'The studies could not be listed'));
      return false;
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  }

  let poller = new Poller(refresh);
  function reload() {
    poller.stop();
    poller = new Poller(refresh);
    poller.start();
  }
  poller.start();
  return { dispose: () => poller.stop() };
}

// The page's router: #/studies (list), #/studies/{id} (detail), #/studies/{id}/viewer (images), #/upload. Each view owns <main> until the next route.
import { replaceChildren } from './shared/dom.js';
import { studyListView } from './studies/studyListView.js';
import { studyDetailView } from './study/studyDetailView.js';
import { uploadView } from './upload/uploadView.js';
import { viewerView } from './viewer/viewerView.js';

const main = document.getElementById('main');
let current = null;

function parseRoute(hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === 'upload') return { name: 'upload', params };
  if (parts[0] === 'studies' && parts[1] && parts[2] === 'viewer') return { name: 'viewer', id: parts[1], params };
  if (parts[0] === 'studies' && parts[1]) return { name: 'study', id: parts[1], params };
  return { name: 'studies', params };
}

function show() {
  current?.dispose?.();
  const route = parseRoute(location.hash);
  for (const link of document.querySelectorAll('[data-nav]')) {
    const active = link.dataset.nav === (route.name === 'study' || route.name === 'viewer' ? 'studies' : route.name);
    if (active) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  replaceChildren(main);
  current = route.name === 'upload' ? uploadView(main)
    : route.name === 'study' ? studyDetailView(main, route.id)
      : route.name === 'viewer' ? viewerView(main, route.id, route.params)
      : studyListView(main, route.params);
  // Moves focus to the new view's heading so keyboard and screen-reader users land on it.
  const heading = main.querySelector('h1');
  if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
  document.title = `${heading?.textContent ?? 'Studies'} · MedImaging`;
}

window.addEventListener('hashchange', show);
show();

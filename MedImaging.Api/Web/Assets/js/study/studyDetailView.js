// One study: status, summary, report, the study timeline and every instance; refreshed until the study is finished.
import { getStudy } from '../shared/api.js';
import { h, replaceChildren } from '../shared/dom.js';
import { Poller } from '../shared/poller.js';
import { problemView } from '../shared/problem.js';
import { isWorking, statusBadge } from '../shared/status.js';
import { instanceView } from './instanceView.js';
import { studySummary } from './studySummary.js';
import { studyTimeline } from './studyTimeline.js';
import { ThumbnailCache } from './thumbnails.js';
import { viewerLinks } from './viewerLinks.js';

export function studyDetailView(main, id) {
  const status = h('p', { class: 'study-status', 'aria-live': 'polite' }, 'Loading…');
  const body = h('div', { class: 'study-body', 'aria-busy': 'true' });
  const thumbnails = new ThumbnailCache(id);

  main.append(
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/studies' }, '← All studies')),
    h('h1', {}, 'Study ', h('span', { class: 'uid' }, id)),
    status,
    body);

  async function refresh() {
    try {
      const study = await getStudy(id);
      const working = isWorking(study.status);
      // A finished study whose report write is being retried is refreshed too, so the report link appears once written.
      const reportPending = study.reportDelivery?.status === 'retrying';
      if (status.dataset.status !== study.status) {
        status.dataset.status = study.status;
        replaceChildren(status, 'Status: ', statusBadge(study.status), working ? ' — refreshing until every instance is done' : '');
      }
      replaceChildren(body,
        studySummary(study),
        viewerLinks(id, study),
        h('section', { 'aria-labelledby': 'instances-heading' },
          h('h2', { id: 'instances-heading' }, `Instances (${study.instances.length})`),
          study.instances.length
            ? h('ol', { class: 'instances' }, study.instances.map((instance, index) => instanceView(instance, index, thumbnails)))
            : h('p', { class: 'empty' }, 'No instances yet.')),
        studyTimeline(study.timeline));
      return working || reportPending;
    } catch (error) {
      delete status.dataset.status;
      replaceChildren(status, '');
      replaceChildren(body, problemView(error, 'The study could not be loaded'));
      return false;
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  }

  const poller = new Poller(refresh);
  poller.start();
  return { dispose: () => poller.stop() };
}

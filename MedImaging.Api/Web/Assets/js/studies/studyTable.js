// The table of one page of studies. On narrow screens CSS lays each row out as a card (data-label names the cells).
import { h } from '../shared/dom.js';
import { formatTime } from '../shared/format.js';
import { statusBadge } from '../shared/status.js';

const columns = ['Study', 'Status', 'Instances', 'Created', 'Updated', 'Completed'];

export function studyTable(studies, caption) {
  return h('table', { class: 'studies' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, studies.map(study => h('tr', { 'data-study': study.id },
      h('th', { scope: 'row', 'data-label': 'Study' },
        h('a', { href: `#/studies/${encodeURIComponent(study.id)}`, class: 'uid' }, study.id)),
      h('td', { 'data-label': 'Status' }, statusBadge(study.status)),
      h('td', { 'data-label': 'Instances', class: 'number' }, String(study.instanceCount)),
      h('td', { 'data-label': 'Created' }, formatTime(study.createdAt)),
      h('td', { 'data-label': 'Updated' }, formatTime(study.updatedAt)),
      h('td', { 'data-label': 'Completed' }, formatTime(study.completedAt) ?? '—')))));
}

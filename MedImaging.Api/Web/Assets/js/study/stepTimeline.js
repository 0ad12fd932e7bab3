// One instance's pipeline steps: attempt, start, duration, outcome and error.
import { h } from '../shared/dom.js';
import { formatDuration, formatTime, stepName } from '../shared/format.js';

export function stepTimeline(steps) {
  if (!steps?.length) return null;
  return h('details', { class: 'steps' },
    h('summary', {}, `Step timeline (${steps.length})`),
    h('table', {},
      h('thead', {}, h('tr', {}, ['Step', 'Attempt', 'Started', 'Took', 'Outcome'].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, steps.map(s => h('tr', { class: `outcome-${String(s.outcome).replace(/[^a-z-]/g, '')}` },
        h('th', { scope: 'row' }, stepName(s.step)),
        h('td', { class: 'number' }, String(s.attempt)),
        h('td', {}, formatTime(s.startedAt)),
        h('td', { class: 'number' }, formatDuration(s.startedAt, s.endedAt)),
        h('td', {}, s.outcome, s.error ? h('span', { class: 'step-error' }, ` — ${s.error}`) : null))))));
}

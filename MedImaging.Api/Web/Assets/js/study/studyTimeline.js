// The study-level events (received, finalized, completed, published...).
import { h } from '../shared/dom.js';
import { formatTime } from '../shared/format.js';

export function studyTimeline(events) {
  return h('section', { class: 'timeline', 'aria-labelledby': 'timeline-heading' },
    h('h2', { id: 'timeline-heading' }, 'Study timeline'),
    events?.length
      ? h('ol', { class: 'events' }, events.map(e => h('li', {},
        formatTime(e.at), ' ', h('strong', {}, e.event), e.detail ? ` — ${e.detail}` : '')))
      : h('p', { class: 'empty' }, 'No events yet.'));
}

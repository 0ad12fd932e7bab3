// The study at a glance: times, modalities and series (from the instances' PHI-free results), and the report link.
import { definitionList, h } from '../shared/dom.js';
import { formatTime } from '../shared/format.js';

export function studySummary(study) {
  const results = study.instances.map(i => i.result).filter(Boolean);
  const modalities = [...new Set(results.map(r => r.modality).filter(Boolean))];
  const series = countBy(results.map(r => r.deidentifiedSeriesUid).filter(Boolean));
  const finished = study.instances.filter(i => i.status === 'done' || i.status === 'failed').length;

  return h('section', { class: 'summary', 'aria-labelledby': 'summary-heading' },
    h('h2', { id: 'summary-heading' }, 'Summary'),
    definitionList([
      ['Created', formatTime(study.createdAt)],
      ['Updated', formatTime(study.updatedAt)],
      ['Completed', formatTime(study.completedAt)],
      ['Instances finished', `${finished} of ${study.expectedInstances ?? study.instances.length}`],
      ['Modalities', modalities.length ? modalities.join(', ') : null],
      ['Report', reportEntry(study)],
    ]),
    series.size ? h('details', { class: 'series' },
      h('summary', {}, `${series.size} series (de-identified UIDs)`),
      h('ul', {}, [...series].map(([uid, count]) => h('li', {}, h('span', { class: 'uid' }, uid), ` — ${count} instance${count === 1 ? '' : 's'}`))))
      : null);
}

// The link once the report is written; while its write is retried or after it failed, what stands (attempts, error code).
function reportEntry(study) {
  if (study.report) return h('a', { href: study.report.url, download: 'report.json', rel: 'noreferrer' }, 'Download report (JSON)');
  const delivery = study.reportDelivery;
  if (!delivery) return null;
  const attempts = `${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}`;
  if (delivery.status === 'retrying') return `Not written yet (${attempts}, ${delivery.error ?? 'failed'}); retrying`;
  if (delivery.status === 'failed') return `Could not be written (${attempts}, ${delivery.error ?? 'failed'})`;
  return null;
}

function countBy(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

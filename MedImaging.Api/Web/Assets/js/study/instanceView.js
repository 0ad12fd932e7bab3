// One instance: thumbnail, status, analysis (analyzer, labels, confidence), route, de-identification summary,
// failure reason, downloads and its step timeline. Only what the API returns is shown.
import { definitionList, h } from '../shared/dom.js';
import { formatBytes, formatConfidence, stepName } from '../shared/format.js';
import { statusBadge } from '../shared/status.js';
import { stepTimeline } from './stepTimeline.js';

export function instanceView(instance, index, thumbnails) {
  const result = instance.result;
  const position = index + 1;
  return h('li', { class: 'instance', 'data-instance': instance.id },
    h('article', { 'aria-labelledby': `instance-${position}` },
      h('h3', { id: `instance-${position}` }, `Instance ${position} `, statusBadge(instance.status)),
      h('div', { class: 'instance-body' },
        thumbnails.for(instance, position),
        h('div', { class: 'instance-facts' },
          definitionList([
            ['Instance id', h('span', { class: 'uid' }, instance.id)],
            ['Content', `${instance.contentType}, ${formatBytes(instance.size)}`],
            ['Modality', result?.modality],
            ['Body part', result?.bodyPartExamined],
            ['Kind', result?.kind],
            ['Next step', instance.progress?.nextStep ? `${stepName(instance.progress.nextStep)} (attempt ${instance.progress.attempt})` : null],
            ['Analysis', analysis(result?.analysis)],
            ['Route', routing(result?.routing)],
            ['De-identification', deidentification(result?.deidentification)],
            ['Failure', failure(result?.failure, instance.error)],
            ['Downloads', downloads(result?.outputs)],
          ]))),
      stepTimeline(instance.steps)));
}

function analysis(a) {
  if (!a) return null;
  return h('div', { class: 'analysis' },
    h('span', {}, `${a.class} by ${a.analyzer} (${a.source})`),
    a.labels?.length
      ? h('ul', { class: 'labels' }, a.labels.map(l => h('li', { class: 'label' }, `${l.name} ${formatConfidence(l.confidence)}`)))
      : null);
}

function routing(r) {
  if (!r) return null;
  return h('span', {}, h('strong', { class: `route route-${String(r.destination).replace(/[^a-z-]/g, '')}` }, r.destination), ` — ${r.rule}`);
}

function deidentification(d) {
  if (!d) return null;
  const actions = Object.entries(d.actionCounts ?? {}).filter(([, n]) => n > 0).map(([action, n]) => `${action}: ${n}`);
  return h('div', {},
    h('span', {}, d.failed ? `failed${d.failureCode ? ` (${d.failureCode})` : ''}` : 'done'),
    d.burnedInPhiRisk ? h('span', { class: 'warning' }, ' · burned-in PHI suspected') : null,
    actions.length ? h('span', { class: 'muted' }, ` · ${actions.join(', ')}`) : null);
}

function failure(f, error) {
  if (!f && !error) return null;
  const text = f ? [f.code, f.message].filter(Boolean).join(': ') : error;
  return h('span', { class: 'failure' }, text);
}

function downloads(outputs) {
  const links = (outputs ?? []).filter(o => o.download);
  if (!links.length) return outputs?.length ? h('span', { class: 'muted' }, 'withheld (not deliverable)') : null;
  return h('ul', { class: 'downloads' }, links.map(o =>
    h('li', {}, h('a', { href: o.download.url, rel: 'noreferrer', download: '' }, downloadName(o.kind)))));
}

const downloadName = kind =>
  kind === 'dicom' ? 'De-identified DICOM' : kind === 'rendered' ? 'Rendered image' : kind === 'json' ? 'JSON' : 'File';

// Links from a study to its de-identified series in the viewer: one per series with a viewable (delivered, not
// quarantined) de-identified DICOM file.
import { h } from '../shared/dom.js';
import { viewableSeries } from '../viewer/seriesImages.js';

export function viewerLinks(studyId, study) {
  const series = viewableSeries(study);
  if (!series.length) return null;
  return h('section', { class: 'viewer-entry', 'aria-labelledby': 'viewer-heading' },
    h('h2', { id: 'viewer-heading' }, 'Images'),
    h('ul', { class: 'viewer-links' }, series.map((s, index) => h('li', {},
      h('a', { class: 'button', href: `#/studies/${encodeURIComponent(studyId)}/viewer?series=${index + 1}` },
        `View series ${index + 1}: ${s.modality ?? 'images'} (${s.instances.length})`)))));
}

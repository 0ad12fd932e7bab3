// Upload: pick files or a folder, send them in batches to POST /api/studies (kept open), large files straight to
// storage through presigned URLs, then finalize every study they made. Shows progress, then the resulting studies; a
// single study opens by itself.
import { finalizeStudy, uploadFiles } from '../shared/api.js';
import { h, replaceChildren } from '../shared/dom.js';
import { formatBytes } from '../shared/format.js';
import { problemView } from '../shared/problem.js';
import { statusBadge } from '../shared/status.js';
import { batches, uploadable } from './batches.js';
import { directUploadThreshold, uploadDirectly } from './directUpload.js';

export function uploadView(main) {
  const filesInput = h('input', { type: 'file', id: 'upload-files', name: 'files', multiple: true });
  const folderInput = h('input', { type: 'file', id: 'upload-folder', name: 'folder', webkitdirectory: true, multiple: true });
  const selection = h('p', { class: 'muted', id: 'upload-selection' }, 'No files chosen.');
  const submit = h('button', { type: 'submit', class: 'button button-primary', disabled: true }, 'Upload and finalize');
  const progress = h('progress', { max: '100', value: '0', id: 'upload-progress', hidden: true, 'aria-label': 'Upload progress' });
  const state = h('p', { role: 'status', class: 'upload-state' });
  const outcome = h('div', { class: 'upload-outcome' });
  let chosen = [];

  const choose = input => () => {
    chosen = uploadable(input.files);
    (input === filesInput ? folderInput : filesInput).value = '';
    const total = chosen.reduce((sum, f) => sum + f.size, 0);
    selection.textContent = chosen.length ? `${chosen.length} file${chosen.length === 1 ? '' : 's'} chosen, ${formatBytes(total)}.` : 'No usable files chosen.';
    submit.disabled = chosen.length === 0;
  };
  filesInput.addEventListener('change', choose(filesInput));
  folderInput.addEventListener('change', choose(folderInput));

  const form = h('form', { class: 'upload-form' },
    h('p', {}, 'DICOM files (or JPEG/PNG images). Files are de-identified by the pipeline; the page shows only de-identified results.'),
    h('div', { class: 'field' }, h('label', { for: 'upload-files' }, 'Files'), filesInput),
    h('div', { class: 'field' }, h('label', { for: 'upload-folder' }, 'Or a folder'), folderInput),
    selection,
    submit,
    progress,
    state);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!chosen.length) return;
    submit.disabled = true;
    replaceChildren(outcome);
    try {
      const studies = await send(chosen, progress, state);
      state.textContent = `Uploaded ${chosen.length} file${chosen.length === 1 ? '' : 's'}; finalizing…`;
      for (const study of studies.values()) await finalizeStudy(study.id);
      state.textContent = `Uploaded and finalized ${studies.size} stud${studies.size === 1 ? 'y' : 'ies'}.`;
      replaceChildren(outcome, resultList([...studies.values()]));
      if (studies.size === 1) location.hash = `#/studies/${encodeURIComponent([...studies.keys()][0])}`;
    } catch (error) {
      state.textContent = 'The upload failed.';
      replaceChildren(outcome, problemView(error, 'The upload was refused'));
    } finally {
      submit.disabled = chosen.length === 0;
    }
  });

  main.append(h('h1', {}, 'Upload studies'), form, outcome);
  return { dispose() {} };
}

/** Sends every batch in turn, then the large files directly; returns the studies they made (by id), with their instance counts summed. */
async function send(files, progress, state) {
  const large = files.filter(f => f.size > directUploadThreshold);
  const parts = batches(files.filter(f => f.size <= directUploadThreshold));
  const total = files.reduce((sum, f) => sum + f.size, 0) || 1;
  const studies = new Map();
  const collect = accepted => {
    for (const study of accepted?.studies ?? []) {
      const known = studies.get(study.id);
      studies.set(study.id, { id: study.id, status: study.status, instances: (known?.instances ?? 0) + study.instances });
    }
  };
  let sent = 0;
  progress.hidden = false;
  for (const [index, part] of parts.entries()) {
    state.textContent = `Uploading batch ${index + 1} of ${parts.length}…`;
    const partBytes = part.reduce((sum, f) => sum + f.size, 0);
    collect(await uploadFiles(part, (loaded, size) => {
      progress.value = Math.min(100, Math.round(100 * (sent + partBytes * (loaded / size)) / total));
    }));
    sent += partBytes;
    progress.value = Math.round(100 * sent / total);
  }
  if (large.length) {
    state.textContent = `Uploading ${large.length} large file${large.length === 1 ? '' : 's'} directly to storage…`;
    const before = sent;
    for (const accepted of await uploadDirectly(large, bytes => { progress.value = Math.min(100, Math.round(100 * (before + bytes) / total)); })) {
      collect(accepted);
    }
    progress.value = 100;
  }
  return studies;
}

function resultList(studies) {
  return h('section', { 'aria-labelledby': 'upload-result-heading' },
    h('h2', { id: 'upload-result-heading' }, 'Studies'),
    h('ul', { class: 'upload-studies' }, studies.map(s => h('li', {},
      h('a', { href: `#/studies/${encodeURIComponent(s.id)}`, class: 'uid' }, s.id), ' ',
      statusBadge(s.status), ` ${s.instances} instance${s.instances === 1 ? '' : 's'}`))));
}

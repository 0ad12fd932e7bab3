// #/studies/{id}/viewer?series=N: the study's de-identified series in a Cornerstone3D stack viewer. The page reads
// only the Api: the study (PHI-free) and each instance's de-identified file.
import { getStudy } from '../shared/api.js';
import { h, replaceChildren } from '../shared/dom.js';
import { problemView } from '../shared/problem.js';
import { attachControls, keyboardHelp } from './controls.js';
import { loadCornerstone } from './cornerstone.js';
import { overlay } from './overlay.js';
import { ctPresets } from './presets.js';
import { seriesImages, viewableSeries } from './seriesImages.js';
import { StackViewer } from './stackViewer.js';

export function viewerView(main, studyId, params) {
  const status = h('p', { class: 'viewer-status', 'aria-live': 'polite' }, 'Loading…');
  const body = h('div', { class: 'viewer-body' });
  main.append(
    h('p', { class: 'breadcrumb' }, h('a', { href: `#/studies/${encodeURIComponent(studyId)}` }, '← Study')),
    h('h1', {}, 'Viewer'),
    status,
    body);

  let viewer = null;
  let disposed = false;
  const onResize = () => viewer?.resize();
  window.addEventListener('resize', onResize);

  (async () => {
    try {
      const started = performance.now();
      const [study, cs] = await Promise.all([getStudy(studyId), loadCornerstone()]);
      const series = viewableSeries(study);
      if (!series.length) {
        replaceChildren(status, 'This study has no viewable de-identified images (yet, or they were withheld).');
        return;
      }
      const position = Math.min(series.length, Math.max(1, Number(params.get('series')) || 1));
      const current = series[position - 1];
      replaceChildren(body, seriesPicker(studyId, series, position));

      const images = await seriesImages(cs, studyId, current);
      if (disposed) return;
      const canvasHost = h('div', { class: 'viewer-canvas' });
      const text = overlay();
      const stage = h('div', {
        class: 'viewer-stage', tabindex: '0', role: 'application',
        'aria-label': 'Image viewer: drag to change the window, wheel to zoom, keys listed below',
      }, canvasHost, text.element);
      body.append(toolbar(() => viewer), stage, help());

      viewer = new StackViewer(cs, canvasHost, images, state => {
        text.update(current, position, series.length, state);
        stage.dataset.index = String(state.index);
        stage.dataset.zoom = state.zoom.toFixed(4);
        if (state.window) { stage.dataset.windowWidth = String(state.window.width); stage.dataset.windowCenter = String(state.window.center); }
        stage.dataset.invert = String(state.invert);
      });
      await viewer.open();
      if (disposed) return;
      attachControls(stage, viewer);
      stage.dataset.firstImageMs = String(Math.round(performance.now() - started));
      stage.dataset.ready = 'true';
      replaceChildren(status, `${current.modality ?? 'Series'} · ${images.length} image${images.length === 1 ? '' : 's'}`);
      stage.focus({ preventScroll: true });
    } catch (error) {
      replaceChildren(status, '');
      replaceChildren(body, problemView(readable(error), 'The images could not be opened'));
    }
  })();

  return {
    dispose() {
      disposed = true;
      window.removeEventListener('resize', onResize);
      viewer?.dispose();
    },
  };
}

// The image loader rejects with plain objects ({ request, error }) as well as Errors.
function readable(error) {
  if (error instanceof Error) return error;
  const status = error?.request?.status ?? error?.xhr?.status;
  return new Error(status ? `Loading an image failed (HTTP ${status}).` : String(error?.error?.message ?? error?.message ?? JSON.stringify(error)));
}

function seriesPicker(studyId, series, position) {
  if (series.length < 2) return null;
  return h('nav', { class: 'series-picker', 'aria-label': 'Series' },
    h('ol', {}, series.map((s, index) => h('li', {},
      h('a', {
        href: `#/studies/${encodeURIComponent(studyId)}/viewer?series=${index + 1}`,
        'aria-current': index + 1 === position ? 'page' : null,
      }, `Series ${index + 1}: ${s.modality ?? ''} (${s.instances.length})`)))));
}

function toolbar(viewer) {
  const button = (label, title, action) => h('button', { type: 'button', title, onclick: () => viewer() && action(viewer()) }, label);
  return h('div', { class: 'viewer-toolbar', role: 'toolbar', 'aria-label': 'Viewer tools' },
    ctPresets.map(p => button(p.name, `CT ${p.name.toLowerCase()} window W${p.width} L${p.center} (key ${p.key})`, v => v.setWindow(p.width, p.center))),
    button('File window', "The window the file asks for (key 0)", v => v.fileWindow()),
    button('Previous', 'Previous image or frame (PgUp)', v => v.step(-1)),
    button('Next', 'Next image or frame (PgDn)', v => v.step(1)),
    button('Zoom in', 'Zoom in (+)', v => v.zoomBy(1.25)),
    button('Zoom out', 'Zoom out (−)', v => v.zoomBy(1 / 1.25)),
    button('Invert', 'Invert (I)', v => v.invert()),
    button('Reset', 'Reset window, zoom and pan (R)', v => v.reset()));
}

function help() {
  return h('details', { class: 'viewer-help' },
    h('summary', {}, 'Mouse and keyboard'),
    h('p', {}, 'Drag: window (left/right) and level (up/down). Right or Shift+drag: pan. Wheel: zoom. Shift+wheel: previous/next image.'),
    h('dl', { class: 'facts' }, keyboardHelp.map(([keys, what]) => h('div', {}, h('dt', {}, keys), h('dd', {}, what)))));
}

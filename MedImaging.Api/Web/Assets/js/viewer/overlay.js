// The viewer's corner text: de-identified facts only (modality, series, image and frame, instance number, window,
// zoom). Nothing of the file's identifying attributes is read for it.
import { h, replaceChildren } from '../shared/dom.js';

export function overlay() {
  const topLeft = h('div', { class: 'overlay-top-left' });
  const bottomLeft = h('div', { class: 'overlay-bottom-left' });
  const bottomRight = h('div', { class: 'overlay-bottom-right' });
  const element = h('div', { class: 'viewer-overlay', 'aria-live': 'polite' }, topLeft, bottomLeft, bottomRight);

  function update(series, seriesPosition, seriesCount, state) {
    const image = state.image;
    replaceChildren(topLeft,
      h('div', { 'data-overlay': 'modality' }, series.modality ?? '—'),
      h('div', { 'data-overlay': 'series' }, `Series ${seriesPosition} of ${seriesCount}`));
    replaceChildren(bottomLeft,
      h('div', { 'data-overlay': 'image' }, `Image ${state.index + 1} of ${state.count}`),
      image.frames > 1 ? h('div', { 'data-overlay': 'frame' }, `Frame ${image.frame} of ${image.frames}`) : null,
      image.instanceNumber != null ? h('div', { 'data-overlay': 'instance' }, `Instance ${image.instanceNumber}`) : null);
    replaceChildren(bottomRight,
      state.window ? h('div', { 'data-overlay': 'window' }, `W ${Math.round(state.window.width)} L ${Math.round(state.window.center)}`) : null,
      h('div', { 'data-overlay': 'zoom' }, `Zoom ${Math.round(state.zoom * 100)}%`),
      state.invert ? h('div', {}, 'Inverted') : null);
  }

  return { element, update };
}

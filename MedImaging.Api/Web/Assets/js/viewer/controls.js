// Mouse and keyboard for a StackViewer. Mouse: left drag = window/level, right or middle drag (or Shift+drag) = pan,
// wheel = zoom, Shift+wheel = previous/next image. Keyboard (the viewer has focus): every mouse action and the buttons.
import { ctPresets } from './presets.js';

/** Window/level change per dragged pixel, scaled to the window so narrow and wide windows both feel right. */
const windowPerPixel = width => Math.max(1, width / 256);

export const keyboardHelp = [
  ['← →', 'narrower / wider window'],
  ['↑ ↓', 'level up / down'],
  ['PgUp PgDn , .', 'previous / next image or frame'],
  ['Home End', 'first / last image'],
  ['+ −', 'zoom in / out'],
  ['Shift + arrows', 'pan'],
  ['1–4', 'CT presets (brain, lung, bone, abdomen)'],
  ['0', "the file's window"],
  ['I', 'invert'],
  ['R', 'reset'],
];

export function attachControls(element, viewer) {
  let drag = null;

  const onPointerDown = event => {
    element.focus({ preventScroll: true });
    const pan = event.button === 1 || event.button === 2 || event.shiftKey;
    drag = { pan, x: event.clientX, y: event.clientY };
    element.setPointerCapture(event.pointerId);
    event.preventDefault();
  };
  const onPointerMove = event => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    drag.x = event.clientX;
    drag.y = event.clientY;
    if (drag.pan) { viewer.panBy(dx, dy); return; }
    const step = windowPerPixel(viewer.state().window?.width ?? 400);
    viewer.adjustWindow(dx * step, dy * step);
  };
  const onPointerUp = event => {
    drag = null;
    if (element.hasPointerCapture(event.pointerId)) element.releasePointerCapture(event.pointerId);
  };
  const onWheel = event => {
    event.preventDefault();
    const delta = event.deltaY || event.deltaX;
    if (delta === 0) return;
    if (event.shiftKey) viewer.step(delta > 0 ? 1 : -1);
    else viewer.zoomBy(delta < 0 ? 1.1 : 1 / 1.1);
  };
  const onKey = event => {
    const action = keyAction(event, viewer);
    if (!action) return;
    event.preventDefault();
    action();
  };
  const noMenu = event => event.preventDefault();

  element.addEventListener('pointerdown', onPointerDown);
  element.addEventListener('pointermove', onPointerMove);
  element.addEventListener('pointerup', onPointerUp);
  element.addEventListener('pointercancel', onPointerUp);
  element.addEventListener('wheel', onWheel, { passive: false });
  element.addEventListener('keydown', onKey);
  element.addEventListener('contextmenu', noMenu);
}

function keyAction(event, viewer) {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const width = viewer.state().window?.width ?? 400;
  const step = Math.max(1, width / 16);
  const pan = 20;
  if (event.shiftKey) {
    switch (event.key) {
      case 'ArrowLeft': return () => viewer.panBy(-pan, 0);
      case 'ArrowRight': return () => viewer.panBy(pan, 0);
      case 'ArrowUp': return () => viewer.panBy(0, -pan);
      case 'ArrowDown': return () => viewer.panBy(0, pan);
    }
  }
  switch (event.key) {
    case 'ArrowLeft': return () => viewer.adjustWindow(-step, 0);
    case 'ArrowRight': return () => viewer.adjustWindow(step, 0);
    case 'ArrowUp': return () => viewer.adjustWindow(0, step);
    case 'ArrowDown': return () => viewer.adjustWindow(0, -step);
    case 'PageUp': case ',': return () => viewer.step(-1);
    case 'PageDown': case '.': return () => viewer.step(1);
    case 'Home': return () => viewer.show(0);
    case 'End': return () => viewer.show(viewer.images.length - 1);
    case '+': case '=': return () => viewer.zoomBy(1.25);
    case '-': case '_': return () => viewer.zoomBy(1 / 1.25);
    case '0': return () => viewer.fileWindow();
    case 'i': case 'I': return () => viewer.invert();
    case 'r': case 'R': return () => viewer.reset();
  }
  const preset = ctPresets.find(p => p.key === event.key);
  return preset ? () => viewer.setWindow(preset.width, preset.center) : null;
}

// One Cornerstone stack viewport over a series' images, and every action the mouse and keyboard map to: window/level,
// presets and the file's own VOI, zoom, pan, image stepping, invert and reset.
import { voiRange, windowOf } from './presets.js';

let engines = 0;

export class StackViewer {
  constructor(cs, element, images, onChange) {
    this.cs = cs;
    this.images = images;
    this.onChange = onChange;
    this.engine = new cs.RenderingEngine(`medimaging-viewer-${++engines}`);
    this.viewportId = 'stack';
    this.engine.enableElement({ viewportId: this.viewportId, type: cs.Enums.ViewportType.STACK, element });
    this.viewport = this.engine.getViewport(this.viewportId);
  }

  async open() {
    await this.viewport.setStack(this.images.map(i => i.imageId), 0);
    this.render();
  }

  get index() { return this.viewport.getCurrentImageIdIndex(); }

  get image() { return this.images[this.index]; }

  /** Window width and center now shown, invert, zoom (1 = fit). */
  state() {
    const { voiRange: range, invert } = this.viewport.getProperties();
    const window = range ? windowOf(range) : null;
    return { index: this.index, count: this.images.length, image: this.image, window, invert: !!invert, zoom: this.viewport.getZoom() };
  }

  async show(index) {
    const target = Math.max(0, Math.min(this.images.length - 1, index));
    if (target === this.index) return;
    // Keeps the reader's window across images, as a reading station does.
    const { voiRange: range, invert } = this.viewport.getProperties();
    await this.viewport.setImageIdIndex(target);
    if (range) this.viewport.setProperties({ voiRange: range, invert });
    this.render();
  }

  step(delta) { return this.show(this.index + delta); }

  setWindow(width, center) {
    this.viewport.setProperties({ voiRange: voiRange(Math.max(1, width), center) });
    this.render();
  }

  /** Widens the window by dWidth and moves its center by dCenter (a drag: right widens, down raises the center). */
  adjustWindow(dWidth, dCenter) {
    const window = this.state().window ?? { width: 400, center: 40 };
    this.setWindow(window.width + dWidth, window.center + dCenter);
  }

  /** The window the file asks for (its first Window Center/Width), else the one Cornerstone derives from the pixels. */
  fileWindow() {
    const voi = this.cs.metaData.get('voiLutModule', this.image.imageId);
    const width = first(voi?.windowWidth);
    const center = first(voi?.windowCenter);
    if (Number.isFinite(width) && Number.isFinite(center)) this.setWindow(width, center);
    else { this.viewport.resetProperties(); this.render(); }
  }

  invert() {
    this.viewport.setProperties({ invert: !this.viewport.getProperties().invert });
    this.render();
  }

  zoomBy(factor) {
    this.viewport.setZoom(Math.max(0.1, Math.min(20, this.viewport.getZoom() * factor)));
    this.render();
  }

  /** Moves the image by (dx, dy) canvas pixels. */
  panBy(dx, dy) {
    const camera = this.viewport.getCamera();
    const from = this.viewport.canvasToWorld([0, 0]);
    const to = this.viewport.canvasToWorld([dx, dy]);
    const shift = [0, 1, 2].map(i => from[i] - to[i]);
    this.viewport.setCamera({
      focalPoint: camera.focalPoint.map((v, i) => v + shift[i]),
      position: camera.position.map((v, i) => v + shift[i]),
    });
    this.render();
  }

  reset() {
    this.viewport.resetCamera();
    this.viewport.resetProperties();
    this.render();
  }

  resize() {
    this.engine.resize(true, true);
    this.render();
  }

  render() {
    this.viewport.render();
    this.onChange(this.state());
  }

  dispose() { this.engine.destroy(); }
}

const first = value => Number(Array.isArray(value) ? value[0] : value);

// Thumbnails of rendered images. Each <img> is made once per instance and kept across refreshes, so a refresh
// neither reloads nor flickers an image already shown.
import { h } from '../shared/dom.js';
import { renderedImageUrl } from '../shared/api.js';

export class ThumbnailCache {
  constructor(studyId) {
    this.studyId = studyId;
    this.images = new Map();
    this.failed = new Set();
  }

  /** The instance's thumbnail, or null when it has no deliverable rendered image. */
  for(instance, position) {
    const rendered = instance.result?.outputs?.some(o => o.kind === 'rendered' && o.download);
    if (!rendered) return null;
    if (this.failed.has(instance.id)) return missing();
    let image = this.images.get(instance.id);
    if (!image) {
      image = h('img', {
        class: 'thumbnail',
        src: renderedImageUrl(this.studyId, instance.id),
        alt: `Rendered image of instance ${position}`,
        loading: 'lazy',
        decoding: 'async',
      });
      image.addEventListener('error', () => {
        this.failed.add(instance.id);
        image.closest('a')?.replaceWith(missing());
      });
      this.images.set(instance.id, image);
    }
    return h('a', { href: renderedImageUrl(this.studyId, instance.id), class: 'thumbnail-link', target: '_blank', rel: 'noreferrer' }, image);
  }
}

const missing = () => h('p', { class: 'muted thumbnail-missing' }, 'The rendered image could not be loaded.');

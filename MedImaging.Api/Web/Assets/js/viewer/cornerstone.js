// Cornerstone3D, loaded only when a viewer opens (the bundle is large) and initialized once: the rendering core and
// the DICOM image loader, whose worker decodes each frame when it is first shown.
let ready = null;

export function loadCornerstone() {
  ready ??= (async () => {
    const cs = await import('../../viewer/cornerstone.js');
    await cs.init();
    cs.initDicomImageLoader({ maxWebWorkers: 1 });
    // Bounded memory while scrolling: decoded frames beyond this are evicted, least recently used first.
    cs.cache.setMaxCacheSize(384 * 1024 * 1024);
    return cs;
  })();
  return ready;
}

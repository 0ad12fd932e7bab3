// What the page's viewer uses of Cornerstone3D: the rendering core and the DICOM image loader (wadouri: one
// Part 10 file per instance, fetched once, each frame decoded when it is shown).
export { Enums, RenderingEngine, cache, eventTarget, imageLoader, init, metaData, setUseCPURendering } from '@cornerstonejs/core';
export { init as initDicomImageLoader, wadouri } from '@cornerstonejs/dicom-image-loader';

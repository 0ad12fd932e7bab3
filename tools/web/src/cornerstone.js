// What the page's viewer uses of Cornerstone3D: the rendering core, the DICOM image loader (wadouri: one Part 10 file
// per instance, each frame decoded when it is shown) and the metadata store the loader reads files from, so that a
// file the viewer fetched for its header is not fetched again for its pixels.
import { utilities } from '@cornerstonejs/metadata';

export { Enums, RenderingEngine, cache, eventTarget, imageLoader, init, metaData, setUseCPURendering } from '@cornerstonejs/core';
export { init as initDicomImageLoader, wadouri } from '@cornerstonejs/dicom-image-loader';
export const { addDicomPart10Instance } = utilities;

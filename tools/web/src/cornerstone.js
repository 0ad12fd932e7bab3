// What the page's viewer uses of Cornerstone3D: the rendering core, the DICOM image loader (each frame decoded in its
// worker when shown) and the metadata store the loader reads files from, so that a file the viewer fetched for its
// header is not fetched again for its pixels.
import { utilities } from '@cornerstonejs/metadata';

export { Enums, RenderingEngine, cache, init, metaData } from '@cornerstonejs/core';
export { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
export const { addDicomPart10Instance } = utilities;

// A series' images in instance order: each instance's de-identified file comes from the Api (never the upload, never a
// quarantined instance), its header is read once, and a multi-frame instance contributes one image per frame. Frames are
// decoded only when shown.
import { instanceDicomUrl } from '../shared/api.js';

const InstanceNumber = 'x00200013';
const NumberOfFrames = 'x00280008';

/** The study's viewable instances by de-identified series, in the order the study lists them. */
export function viewableSeries(study) {
  const series = new Map();
  for (const instance of study.instances) {
    const result = instance.result;
    const viewable = result?.outputs?.some(o => o.kind === 'dicom' && o.download);
    if (!viewable) continue;
    const uid = result.deidentifiedSeriesUid ?? result.deidentifiedInstanceUid;
    if (!series.has(uid)) series.set(uid, { uid, modality: result.modality, instances: [] });
    series.get(uid).instances.push(instance);
  }
  return [...series.values()];
}

/** Reads every instance's header (the whole file, kept for decoding) and lists its images: [{ imageId, instanceNumber, frame, frames }]. */
export async function seriesImages(cs, studyId, series) {
  const instances = await Promise.all(series.instances.map(async (instance, listed) => {
    const url = new URL(instanceDicomUrl(studyId, instance.id), location.href).href;
    const dataSet = await cs.wadouri.dataSetCacheManager.load(url, undefined, `wadouri:${url}`);
    const frames = Math.max(1, dataSet.intString(NumberOfFrames) ?? 1);
    return { url, listed, instanceNumber: dataSet.intString(InstanceNumber), frames };
  }));
  instances.sort((a, b) => (a.instanceNumber ?? Infinity) - (b.instanceNumber ?? Infinity) || a.listed - b.listed);
  return instances.flatMap(i => Array.from({ length: i.frames }, (_, f) => ({
    imageId: i.frames > 1 ? `wadouri:${i.url}?frame=${f + 1}` : `wadouri:${i.url}`,
    instanceNumber: i.instanceNumber,
    frame: f + 1,
    frames: i.frames,
  })));
}

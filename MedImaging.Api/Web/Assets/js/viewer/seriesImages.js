// A series' images in instance order: each instance's de-identified file comes from the Api (never the upload, never a
// quarantined instance), fetched once and handed to Cornerstone's metadata store, which the image loader then decodes
// from; a multi-frame instance contributes one image per frame. Frames are decoded only when shown.
import { instanceDicomUrl } from '../shared/api.js';
import { ApiProblem } from '../shared/problem.js';
import { inflateIfDeflated } from './inflate.js';

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

/** Fetches every instance's file and lists its images: [{ imageId, instanceNumber, frame, frames }]. */
export async function seriesImages(cs, studyId, series) {
  const instances = await Promise.all(series.instances.map(async (instance, listed) => {
    const url = new URL(instanceDicomUrl(studyId, instance.id), location.href).href;
    const imageId = `wadouri:${url}`;
    await cs.addDicomPart10Instance(imageId, await fetchFile(url));
    const header = cs.metaData.get('naturalized', imageId);
    const frames = Math.max(1, Number(header?.NumberOfFrames ?? 1) || 1);
    const instanceNumber = header?.InstanceNumber == null ? null : Number(header.InstanceNumber);
    return { url, listed, instanceNumber, frames };
  }));
  instances.sort((a, b) => (a.instanceNumber ?? Infinity) - (b.instanceNumber ?? Infinity) || a.listed - b.listed);
  return instances.flatMap(i => Array.from({ length: i.frames }, (_, f) => ({
    imageId: i.frames > 1 ? `wadouri:${i.url}?frame=${f + 1}` : `wadouri:${i.url}`,
    instanceNumber: i.instanceNumber,
    frame: f + 1,
    frames: i.frames,
  })));
}

async function fetchFile(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/dicom' } });
  } catch (error) {
    throw ApiProblem.network(error);
  }
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  return inflateIfDeflated(await response.arrayBuffer());
}

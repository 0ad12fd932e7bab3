// Large files go straight to storage (POST /api/uploads, PUT to presigned URLs, complete) instead of through the Api:
// above the Api's multipart threshold a file is sent in parts, each PUT to its own URL, and completing lists the ETag
// storage answered for each part. The studies stay open (the page finalizes them once everything is in).
import { completeDirectUpload, createDirectUpload, putToStorage } from '../shared/api.js';

/** Files above this size (the Api's default multipart threshold) are uploaded directly; the Api's answer decides single PUT or parts. */
export const directUploadThreshold = 8 * 1024 * 1024;

/** Files declared per POST /api/uploads, so that one upload's presigned URLs are used well before they expire. */
export const maxFilesPerDirectUpload = 20;

/**
 * Uploads files directly, a group at a time, one PUT at a time; onProgress(bytesSent) counts every byte PUT so far.
 * Returns each completion's answer ({ studies: [...] }, as POST /api/studies answers).
 */
export async function uploadDirectly(files, onProgress) {
  const answers = [];
  let sent = 0;
  for (let start = 0; start < files.length; start += maxFilesPerDirectUpload) {
    const group = files.slice(start, start + maxFilesPerDirectUpload);
    const upload = await createDirectUpload(group);
    const completed = [];
    for (const target of upload.files) {
      const file = group[target.index];
      if (target.parts) {
        const parts = [];
        for (const part of target.parts) {
          const eTag = await putToStorage(part.url, file.slice(part.offset, part.offset + part.size), loaded => onProgress(sent + loaded));
          sent += part.size;
          parts.push({ partNumber: part.partNumber, eTag });
        }
        completed.push({ index: target.index, parts });
      } else {
        await putToStorage(target.url, file, loaded => onProgress(sent + loaded));
        sent += file.size;
      }
      onProgress(sent);
    }
    answers.push(await completeDirectUpload(upload.completeUrl, completed));
  }
  return answers;
}

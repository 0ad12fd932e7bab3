// Splits a selection into requests of bounded size, so a large folder never becomes one huge request.

export const maxFilesPerBatch = 100;
export const maxBytesPerBatch = 256 * 1024 * 1024;

export function batches(files) {
  const result = [];
  let batch = [];
  let bytes = 0;
  for (const file of files) {
    if (batch.length && (batch.length === maxFilesPerBatch || bytes + file.size > maxBytesPerBatch)) {
      result.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(file);
    bytes += file.size;
  }
  if (batch.length) result.push(batch);
  return result;
}

/** Leaves out what is plainly not an image file of a folder (hidden files, DICOMDIR indexes, text). */
export function uploadable(files) {
  return [...files].filter(f => f.size > 0 && !f.name.startsWith('.') && f.name.toUpperCase() !== 'DICOMDIR'
    && !/\.(txt|md|xml|json|html?|ini)$/i.test(f.name));
}

// Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99) files: the dataset after the file meta information is
// raw deflate (PS3.5 A.5). Cornerstone's metadata parser reads it as if it were not, so the page inflates it first
// with the browser's own DecompressionStream; the rest of the file reads as Explicit VR Little Endian.
const Deflated = '1.2.840.10008.1.2.1.99';
const LongLengthVrs = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT']);

export async function inflateIfDeflated(buffer) {
  const meta = fileMeta(new Uint8Array(buffer));
  if (!meta || meta.transferSyntax !== Deflated) return buffer;
  const deflated = new Blob([buffer.slice(meta.end)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const inflated = new Uint8Array(await new Response(deflated).arrayBuffer());
  const whole = new Uint8Array(meta.end + inflated.length);
  whole.set(new Uint8Array(buffer, 0, meta.end));
  whole.set(inflated, meta.end);
  return whole.buffer;
}

/** The file meta information's transfer syntax and where the dataset starts, or null when this is no Part 10 file. */
function fileMeta(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') return null;
  let offset = 132;
  let transferSyntax = null;
  while (offset + 8 <= bytes.length && view.getUint16(offset, true) === 0x0002) {
    const element = view.getUint16(offset + 2, true);
    const vr = String.fromCharCode(bytes[offset + 4], bytes[offset + 5]);
    const long = LongLengthVrs.has(vr);
    const length = long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true);
    const start = offset + (long ? 12 : 8);
    if (element === 0x0010) transferSyntax = String.fromCharCode(...bytes.subarray(start, start + length)).replace(/[\0 ]+$/, '');
    offset = start + length;
  }
  return { transferSyntax, end: offset };
}

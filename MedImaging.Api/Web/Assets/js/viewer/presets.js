// Window/level presets (Hounsfield units) and the conversions between a window and Cornerstone's VOI range.
export const ctPresets = [
  { key: '1', name: 'Brain', width: 80, center: 40 },
  { key: '2', name: 'Lung', width: 1500, center: -600 },
  { key: '3', name: 'Bone', width: 1800, center: 400 },
  { key: '4', name: 'Abdomen', width: 400, center: 40 },
];

/** DICOM's linear VOI function (PS3.3 C.11.2.1.2): a window of width W at center C maps to [C - W/2, C + W/2]. */
export const voiRange = (width, center) => ({ lower: center - width / 2, upper: center + width / 2 });

export const windowOf = range => ({ width: range.upper - range.lower, center: (range.upper + range.lower) / 2 });

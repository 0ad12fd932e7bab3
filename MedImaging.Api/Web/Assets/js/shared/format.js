// Formats API values for people: local dates, sizes, durations and percentages.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const percent = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** A <time> element showing the instant in the reader's locale, with the exact ISO value as its datetime. */
export function formatTime(iso) {
  if (!iso) return null;
  const time = document.createElement('time');
  time.dateTime = iso;
  time.textContent = dateTime.format(new Date(iso));
  return time;
}

export function formatBytes(bytes) {
  if (typeof bytes !== 'number') return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(startIso, endIso) {
  if (!startIso || !endIso) return '';
  const ms = new Date(endIso) - new Date(startIso);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatConfidence(value) {
  return `${percent.format(value)} %`;
}

/** A pipeline step's slug (extract-metadata) as words. */
export function stepName(step) {
  return String(step ?? '').replaceAll('-', ' ');
}

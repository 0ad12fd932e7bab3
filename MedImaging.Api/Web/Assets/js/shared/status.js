// Status badges: the word is always shown (colour only reinforces it).
import { h } from './dom.js';

export const studyStatuses = ['received', 'processing', 'completed', 'failed'];

export const isWorking = status => status === 'received' || status === 'processing';

export function statusBadge(status) {
  return h('span', { class: `badge badge-${String(status).replace(/[^a-z-]/g, '')}` }, status);
}

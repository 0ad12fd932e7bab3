// The HTTP API, as the page uses it. Every failure becomes an ApiProblem.
import { ApiProblem } from './problem.js';

async function request(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw ApiProblem.network(error);
  }
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  return response.status === 204 ? null : response.json();
}

export function listStudies({ status, cursor, limit } = {}) {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (cursor) query.set('cursor', cursor);
  if (limit) query.set('limit', String(limit));
  const text = query.toString();
  return request('GET', `/api/studies${text ? `?${text}` : ''}`);
}

export const getStudy = id => request('GET', `/api/studies/${encodeURIComponent(id)}`);

export const finalizeStudy = id => request('POST', `/api/studies/${encodeURIComponent(id)}/finalize`, {});

export const renderedImageUrl = (studyId, instanceId) =>
  `/api/studies/${encodeURIComponent(studyId)}/instances/${encodeURIComponent(instanceId)}/rendered`;

/**
 * POST /api/studies as multipart ("file" per file), keeping the studies open (finalize=false) so the caller
 * finalizes once every batch is in. XMLHttpRequest, because fetch reports no upload progress.
 */
export function uploadFiles(files, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/studies?finalize=false');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', event => { if (event.lengthComputable) onProgress(event.loaded, event.total); });
    xhr.addEventListener('error', () => reject(ApiProblem.network('network error during upload')));
    xhr.addEventListener('abort', () => reject(ApiProblem.network('upload aborted')));
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiProblem(xhr.status, body ?? { title: xhr.statusText || 'Upload refused', status: xhr.status }));
    });
    xhr.send(form);
  });
}

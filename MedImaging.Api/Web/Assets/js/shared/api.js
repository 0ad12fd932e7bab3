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

/** The instance's de-identified DICOM file, streamed by the Api (404 problem when withheld). */
export const instanceDicomUrl = (studyId, instanceId) =>
  `/api/studies/${encodeURIComponent(studyId)}/instances/${encodeURIComponent(instanceId)}/dicom`;

/**
 * POST /api/studies as multipart ("file" per file), keeping the studies open (finalize=false) so the caller
 * finalizes once every batch is in. XMLHttpRequest, because fetch reports no upload progress.
 */
export async function uploadFiles(files, onProgress) {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  const answer = await send('POST', '/api/studies?finalize=false', form, onProgress, { Accept: 'application/json' });
  if (answer.ok) return answer.json;
  throw new ApiProblem(answer.status, answer.json ?? { title: answer.statusText || 'Upload refused', status: answer.status });
}

/** POST /api/uploads: presigned PUT targets for files sent straight to storage, their studies kept open like uploadFiles'. */
export const createDirectUpload = files =>
  request('POST', '/api/uploads', { files: files.map(f => ({ name: f.name, size: f.size })), finalize: false });

/** POST the upload's complete URL with every multipart file's part ETags; answers like uploadFiles. */
export const completeDirectUpload = (completeUrl, files) => request('POST', completeUrl, { files });

/**
 * PUT bytes to a presigned storage URL (no credentials, no extra headers: the signature is the permission) and return
 * the ETag storage answered, which completing a multipart upload needs.
 */
export async function putToStorage(url, blob, onProgress) {
  const answer = await send('PUT', url, blob, onProgress);
  if (answer.ok) return answer.etag;
  throw new ApiProblem(answer.status, { title: 'Storage refused the upload', status: answer.status, detail: storageError(answer.text) });
}

// S3 answers errors as XML: its code says what went wrong (the message may echo the key, which is not shown).
function storageError(text) {
  const code = /<Code>([^<]*)<\/Code>/.exec(text ?? '')?.[1];
  return code ? `Storage answered ${code}.` : undefined;
}

function send(method, url, body, onProgress, headers = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', event => { if (event.lengthComputable) onProgress(event.loaded, event.total); });
    xhr.addEventListener('error', () => reject(ApiProblem.network('network error during upload')));
    xhr.addEventListener('abort', () => reject(ApiProblem.network('upload aborted')));
    xhr.addEventListener('load', () => {
      let json = null;
      try { json = xhr.responseText && !xhr.responseText.startsWith('<') ? JSON.parse(xhr.responseText) : null; } catch { json = null; }
      resolve({
        ok: xhr.status >= 200 && xhr.status < 300,
        status: xhr.status,
        statusText: xhr.statusText,
        text: xhr.responseText,
        json,
        etag: xhr.getResponseHeader('ETag'),
      });
    });
    xhr.send(body);
  });
}

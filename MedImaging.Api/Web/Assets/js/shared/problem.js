// RFC 9457 problem details from the API, and how they are shown.
import { h } from './dom.js';

/** An error answer of the API: its problem document when it sent one, else what HTTP said. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  static async fromResponse(response) {
    let problem = null;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      try { problem = await response.json(); } catch { problem = null; }
    }
    return new ApiProblem(response.status, problem ?? { title: response.statusText || 'Request failed', status: response.status });
  }

  static network(error) {
    return new ApiProblem(0, { title: 'The API could not be reached', detail: String(error?.message ?? error) });
  }
}

/** A readable alert for an error: title, status, detail, and per-field or per-file reasons when the problem has them. */
export function problemView(error, heading = 'Something went wrong') {
  const problem = error instanceof ApiProblem ? error.problem : { title: error?.message ?? String(error) };
  const status = error instanceof ApiProblem && error.status ? error.status : null;
  return h('div', { class: 'problem', role: 'alert' },
    h('h2', { class: 'problem-heading' }, heading),
    h('p', { class: 'problem-title' },
      h('strong', {}, problem.title ?? 'Error'),
      status ? h('span', { class: 'problem-status' }, ` (HTTP ${status})`) : null),
    problem.detail ? h('p', { class: 'problem-detail' }, problem.detail) : null,
    validationErrors(problem.errors),
    refusedFiles(problem.files));
}

function validationErrors(errors) {
  if (!errors || typeof errors !== 'object') return null;
  return h('ul', { class: 'problem-list' },
    Object.entries(errors).map(([field, messages]) => h('li', {}, `${field}: ${[].concat(messages).join(' ')}`)));
}

function refusedFiles(files) {
  if (!Array.isArray(files) || files.length === 0) return null;
  return h('ul', { class: 'problem-list' },
    files.map(file => h('li', {}, `File ${Number(file.index) + 1}: ${file.title ?? ''}${file.detail ? ` — ${file.detail}` : ''}`)));
}

// Builds DOM nodes from data. Text always goes in as text nodes, never as HTML, so no API value can inject markup.

/**
 * h('a', { href: '#/x', class: 'link' }, 'text', child) -> HTMLAnchorElement.
 * Attributes that are null, undefined or false are left out; true sets an empty attribute.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside a container. */
export function replaceChildren(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

/** A definition list from [term, value] pairs, skipping pairs whose value is null or undefined. */
export function definitionList(pairs, className = 'facts') {
  return h('dl', { class: className },
    pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}

// Builds elements from data. Every string goes in as text (textContent), never as HTML.

export function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

export function replaceChildren(parent, children) {
  parent.replaceChildren(...children);
}

export const percent = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');

export function duration(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

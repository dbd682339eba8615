// Building the page from data without innerHTML: every value becomes text, so nothing the
// ledger holds can become markup.
type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/**
 * A table with a header row, in a box of its own that scrolls sideways when the table is wider
 * than the screen (a phone), so the page itself never does. The box takes the keyboard's focus,
 * so it can be scrolled without a mouse too. Cells are text or nodes.
 */
export function table(caption: string | null, headers: string[], rows: Child[][], attributes: Attributes = {}): HTMLElement {
  const element = h(
    'table',
    attributes,
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell))))),
  );
  return scrollBox(element, caption ?? headers.filter(Boolean).join(', '));
}

/** A box that scrolls sideways inside its card, reachable by keyboard. */
export function scrollBox(content: HTMLElement, label: string): HTMLElement {
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'group', 'aria-label': label }, content);
}

/** A labelled figure: the big numbers at the top of a page. */
export function figure(label: string, value: string, note?: Child, attributes: Attributes = {}): HTMLElement {
  return h('div', { class: 'figure', ...attributes }, h('div', { class: 'figure-label' }, label), h('div', { class: 'figure-value' }, value), note ? h('div', { class: 'figure-note' }, note) : null);
}

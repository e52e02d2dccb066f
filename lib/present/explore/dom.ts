/**
 * DOM helpers of the explorer page: an element by id (an error naming a missing one), an
 * SVG element with its attributes, and the radio buttons of a group (read afresh: a shared
 * link may add a base option).
 *
 * @module present/explore/dom
 */

const SVG = 'http://www.w3.org/2000/svg';

/** The page's element with this id; throws naming the id when the page builder did not write it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`explore.html: element #${id} is missing`);
  return el as T;
}

/** A new SVG element with `attrs` set in their order, appended to `parent` when given. */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (parent) parent.appendChild(el);
  return el;
}

/** The radio buttons named `name`, in page order. */
export function radios(name: string): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${name}"]`)];
}

/**
 * HTML building blocks shared by every server-rendered page: escaping and a tagged template
 * that escapes interpolations unless they are already-built {@link Html}.
 */

/** Markup that is already safe to insert. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

type Interpolation = Html | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map((inner: Interpolation) => render(inner)).join('');
  return escapeHtml(String(value));
}

/** A template literal whose interpolations are escaped: `html\`<p>${text}</p>\``. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

/** Markup from a trusted constant, such as a stylesheet. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * Reading a parsed form (`parseForm`): a field sent once or more, as the staff forms use them.
 * A field expected once but sent several times is read as its first value, as browsers send it.
 */

type Fields = Readonly<Record<string, string | string[]>>;

/** The field's value, trimmed; empty when it was not sent. */
export function formField(fields: Fields, name: string): string {
  const value = fields[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** Every value of a field sent once per ticked box, without blanks or repeats. */
export function formFieldList(fields: Fields, name: string): string[] {
  const value = fields[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(values.map((one) => one.trim()).filter((one) => one !== ''))];
}

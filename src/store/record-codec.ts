// Rules both backends share for turning a record into columns, so SQLite and PostgreSQL agree on what counts
// as the same name and on what data can be stored.

/**
 * The case-folded name the uniqueness index and the list order use. Folded here rather than with SQL lower(),
 * which folds only ASCII in SQLite and follows the database locale in PostgreSQL: one rule for both backends.
 */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** JSON text for a record's data; undefined, functions and the like are refused rather than stored as something else. */
export function encodeData(data: unknown): string {
  const text = JSON.stringify(data);
  if (text === undefined) throw new TypeError('record data must be a JSON value');
  return text;
}


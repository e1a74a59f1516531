// Schema-qualified table names. The schema name is checked once here, so it can be spliced into SQL safely
// (identifiers cannot be query parameters).

export interface Tables {
  readonly schema: string;
  readonly records: string;
  readonly changes: string;
  readonly versions: string;
}

const plainIdentifier = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function tablesIn(schema: string): Tables {
  if (!plainIdentifier.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(schema)}: use letters, digits and _ (at most 63)`);
  }
  const quoted = `"${schema}"`;
  return {
    schema,
    records: `${quoted}.records`,
    changes: `${quoted}.changes`,
    versions: `${quoted}.schema_version`,
  };
}

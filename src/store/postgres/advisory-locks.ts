// Transaction-scoped advisory locks: what serialises writers across every node sharing one database.
// Two-key form: the first key says what is locked, the second hashes schema and name, so stores in
// different schemas of one database (e.g. parallel test runs) do not wait on each other.

const namespaces = {
  /** Held for a whole transaction(account, fn): one writer per account across all nodes. */
  account: 0x4b43_0001,
  /** Held from appending change rows to commit, so seq order is commit order (see postgres-transaction.ts). */
  feed: 0x4b43_0002,
  /** Held while migrating, so nodes starting together do not race to create the schema. */
  migration: 0x4b43_0003,
} as const;

export type LockNamespace = keyof typeof namespaces;

/** SQL and parameters that wait for the lock and hold it until the transaction ends. */
export function lockStatement(namespace: LockNamespace, schema: string, name: string): { text: string; values: unknown[] } {
  return {
    text: 'SELECT pg_advisory_xact_lock($1::int4, hashtext($2))',
    values: [namespaces[namespace], `${schema}/${name}`],
  };
}

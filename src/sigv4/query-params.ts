// Splits a raw query string into its parameters without decoding, so each consumer decides how to decode:
// the canonical query string re-encodes octets, the auth-parameter reader wants text.

export type RawQueryParam = { readonly rawName: string; readonly rawValue: string };

/**
 * `a=1&b&c=` → three parameters; a parameter without `=` has an empty value (§7.1). Empty pieces
 * (`a=1&&b=2`, a trailing `&`) are skipped: no signer produces them, and a parameter with no name has
 * no canonical form worth guessing.
 */
export const splitQuery = (rawQuery: string): RawQueryParam[] => {
  if (rawQuery === '') return [];
  const params: RawQueryParam[] = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const equals = piece.indexOf('=');
    params.push(
      equals < 0
        ? { rawName: piece, rawValue: '' }
        : { rawName: piece.slice(0, equals), rawValue: piece.slice(equals + 1) },
    );
  }
  return params;
};

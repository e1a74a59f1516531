// The request as the verifier sees it, and header access that normalises Node's header shapes at one place.
// Verification needs the raw path and query (before any decoding) and every value of a repeated header.

/**
 * A received HTTP request, reduced to what Signature Version 4 covers.
 *
 * `headers` uses Node's lower-cased names. Pass `req.headersDistinct` (or arrays built from
 * `req.rawHeaders`): `req.headers` joins repeats of most headers with `", "`, while the canonical form
 * joins the separate values with `","` (§7.1), so a repeated signed header would not verify.
 */
export type SignedRequest = {
  readonly method: string;
  /** The path exactly as received, before percent-decoding. */
  readonly path: string;
  /** The query string exactly as received, without the leading `?`. */
  readonly query: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
};

/** Every value of a header, in the order received; undefined when the header is absent. */
export const headerValues = (request: SignedRequest, lowerCaseName: string): readonly string[] | undefined => {
  const value = request.headers[lowerCaseName];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : value.length === 0 ? undefined : value;
};

export type SingleHeader = { kind: 'absent' } | { kind: 'one'; value: string } | { kind: 'repeated' };

/** A header that must appear at most once (Authorization, X-Amz-Date…). */
export const singleHeader = (request: SignedRequest, lowerCaseName: string): SingleHeader => {
  const values = headerValues(request, lowerCaseName);
  if (values === undefined) return { kind: 'absent' };
  return values.length === 1 ? { kind: 'one', value: values[0]! } : { kind: 'repeated' };
};

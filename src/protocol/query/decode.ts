// Turns a Query-protocol request (form body and/or query string, §8.1) into one flat parameter map,
// with `Action` and `Version` taken out. Never throws: malformed escapes decode leniently (WHATWG rules).

export interface QueryRequest {
  /** `Action`, when present (possibly empty); the server answers MissingAction when it is undefined. */
  readonly action?: string;
  readonly version?: string;
  /** Every other parameter. For a repeated name the first occurrence wins, query string before body. */
  readonly params: ReadonlyMap<string, string>;
}

const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * Reads parameters from the query string and, for a form body, from the body. A body with another
 * declared content type is not parameters and is ignored; a body with no content type is read as a form,
 * which is what `curl -d` without a header and most hand-written clients mean.
 */
export function decodeQueryRequest(
  method: string,
  contentType: string | undefined,
  body: string,
  query: string,
): QueryRequest {
  const params = new Map<string, string>();
  addAll(params, query.startsWith('?') ? query.slice(1) : query);
  if (method.toUpperCase() !== 'GET' && body !== '' && isFormBody(contentType)) addAll(params, body);
  const action = params.get('Action');
  const version = params.get('Version');
  params.delete('Action');
  params.delete('Version');
  return {
    ...(action !== undefined ? { action } : {}),
    ...(version !== undefined ? { version } : {}),
    params,
  };
}

function isFormBody(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  // `application/x-www-form-urlencoded; charset=utf-8` is what the SDKs send; parameters and case vary.
  return contentType.split(';', 1)[0]!.trim().toLowerCase() === FORM_TYPE;
}

// First occurrence wins, as a servlet's getParameter() reads it: a later duplicate cannot override a
// parameter the signature check or the operation has already seen.
function addAll(params: Map<string, string>, encoded: string): void {
  if (encoded === '') return;
  const pairs = (isWellFormed(encoded) && splitPairs(encoded.startsWith('?') ? encoded.slice(1) : encoded)) || new URLSearchParams(encoded);
  for (const [name, value] of pairs) {
    if (!params.has(name)) params.set(name, value);
  }
}

/**
 * The pairs of a form string as URLSearchParams would read them (after its leading "?" and its unpaired
 * surrogates, which the caller leaves to URLSearchParams), or undefined when a component has an escape
 * decodeURIComponent refuses (a stray "%", bytes that are not UTF-8), which the WHATWG rules decode
 * leniently: the caller falls back to URLSearchParams for those. Splitting by hand spares the common,
 * well-formed request the cost of a URLSearchParams object.
 */
function splitPairs(encoded: string): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  let start = 0;
  // The next "=" at or after start (the length when there is none), found again only once start passes it:
  // searching from every piece would rescan a long run of pieces without "=" each time (quadratic).
  let nextEquals = -1;
  while (start <= encoded.length) {
    let end = encoded.indexOf('&', start);
    if (end < 0) end = encoded.length;
    if (end > start) {
      if (nextEquals < start) {
        nextEquals = encoded.indexOf('=', start);
        if (nextEquals < 0) nextEquals = encoded.length;
      }
      const split = nextEquals < end ? nextEquals : end;
      const name = decodeComponent(encoded.slice(start, split));
      const value = split === end ? '' : decodeComponent(encoded.slice(split + 1, end));
      if (name === undefined || value === undefined) return undefined;
      pairs.push([name, value]);
    }
    start = end + 1;
  }
  return pairs;
}

const PLUS = /\+/g;

/** String.prototype.isWellFormed (Node 20; newer than the ES2022 library this project compiles against). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

function decodeComponent(text: string): string | undefined {
  const spaced = text.includes('+') ? text.replace(PLUS, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

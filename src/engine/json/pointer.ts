// JSON Pointer (RFC 6901) building: every diagnostic names the element it is about by pointer.

/** Escapes one reference token: "~" becomes "~0" and "/" becomes "~1" (in that order, per RFC 6901 §3). */
export const escapePointerToken = (token: string): string =>
  // Most tokens need no escaping; checking first saves two string copies per token.
  token.includes('~') || token.includes('/') ? token.replaceAll('~', '~0').replaceAll('/', '~1') : token;

/** The pointer of a child: `appendPointer('/Statement', 0)` is "/Statement/0". The root pointer is "". */
export const appendPointer = (pointer: string, token: string | number): string =>
  `${pointer}/${typeof token === 'number' ? String(token) : escapePointerToken(token)}`;

// BinaryEquals (§3.2): base64 values compared byte for byte.

import type { OperatorDefinition } from '../operator.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The decoded bytes as a binary string, or undefined for text that is not base64. */
export const decodeBase64 = (text: string): string | undefined => {
  const trimmed = text.trim();
  if (!BASE64.test(trimmed) || trimmed.length % 4 === 1) return undefined;
  try {
    return atob(trimmed);
  } catch {
    return undefined;
  }
};

export const BINARY_OPERATORS: Record<string, OperatorDefinition> = {
  BinaryEquals: {
    family: 'Binary',
    compile: (policyValue) => {
      const expected = decodeBase64(policyValue);
      if (expected === undefined) return undefined;
      return (requestValue) => decodeBase64(requestValue) === expected;
    },
  },
};

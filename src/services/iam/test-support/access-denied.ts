// Test support: matches an AccessDenied message exactly on AWS's sentence, followed by the encoded
// authorization failure message every denial carries (DESIGN decision 9).

import { expect } from 'vitest';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** AWS's sentence, then " Encoded authorization failure message: TOKEN" and nothing else. */
export const deniedWith = (sentence: string): unknown =>
  expect.stringMatching(new RegExp(`^${escape(sentence)} Encoded authorization failure message: [A-Za-z0-9_.-]+$`));

// Numeric operators (§3.2): integers and decimals; a value that is not a number never matches.

import { orderedOperators } from '../operator.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export const parseNumber = (text: string): number | undefined => (NUMBER.test(text.trim()) ? Number(text) : undefined);

export const NUMERIC_OPERATORS = orderedOperators('Numeric', parseNumber);

// (being written)

import type { IamHandler } from './context.js';

export const SIMULATION_OPERATIONS: Record<string, IamHandler> = {};

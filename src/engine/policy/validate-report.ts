// The collector every validation rule reports into: it turns a pointer into a located diagnostic.

import type { PolicyType } from './ast.js';
import { diagnostic, type Diagnostic, type DiagnosticCode, type SourceLocations } from './diagnostics.js';
import { hasElement, locateIn } from './source-index.js';

export interface Report {
  readonly type: PolicyType;
  readonly locations: SourceLocations | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Reports `code` (its severity is fixed by DIAGNOSTIC_CODES) at the value, or the member key, of `pointer`. */
export function flag(report: Report, code: DiagnosticCode, message: string, pointer: string, at: 'key' | 'value' = 'value'): void {
  report.diagnostics.push(diagnostic(code, message, locateIn(report.locations, pointer, at)));
}

/**
 * The pointer of the i-th value of an element that the AST holds as a list. A lone value written without
 * brackets has no index in the document, so the element's own pointer is used for it. Rules ask for it only
 * when they report, since it may look the element up in the document.
 */
export function itemPointer(report: Report, elementPointer: string, index: number, count: number): string {
  const indexed = `${elementPointer}/${index}`;
  if (report.locations !== undefined) return hasElement(report.locations, indexed) ? indexed : elementPointer;
  return count > 1 ? indexed : elementPointer;
}

/** The pointer one level up: the operator of a condition clause, the statement of an element. */
export const parentPointer = (pointer: string): string => pointer.slice(0, pointer.lastIndexOf('/'));

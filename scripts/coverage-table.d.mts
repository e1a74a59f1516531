// Types for coverage-table.mjs, so that the TypeScript test can import the renderer.

export interface ServiceCoverage {
  readonly label: string;
  readonly model: { readonly metadata: { readonly apiVersion: string }; readonly operations: Readonly<Record<string, unknown>> };
  readonly implemented: readonly string[];
}

export declare const renderCoverage: (services: readonly ServiceCoverage[]) => string;

// Loads the generated IAM and STS models (./iam.json, ./sts.json) and prepares them for lookups.
// JSON module imports make tsc copy the files next to the compiled code, so src/ (vitest) and dist/ both work.

import iamFile from './iam.json' with { type: 'json' };
import stsFile from './sts.json' with { type: 'json' };
import { compileJavaPattern } from './java-pattern.js';
import type { ModelFile, OperationModel, ServiceModel, ServiceName, Shape } from './model-types.js';

export type * from './model-types.js';
export { compileJavaPattern, javaPatternToJs } from './java-pattern.js';

/** Indexes a model file and compiles its patterns; throws if it is not a Query model or a pattern does not compile. */
export function prepareModel(service: string, file: ModelFile): ServiceModel {
  if (file.metadata.protocol !== 'query') throw new Error(`${service} model is not a Query-protocol model`);
  const shapes = new Map(Object.entries(file.shapes));
  const patterns = new Map<string, RegExp>();
  for (const [name, shape] of shapes) {
    if (shape.type === 'string' && shape.pattern !== undefined) patterns.set(name, compileJavaPattern(shape.pattern));
  }
  return {
    service,
    metadata: file.metadata,
    operations: new Map(Object.entries(file.operations)),
    shapes,
    patterns,
  };
}

// Built once at start-up and never mutated afterwards.
const MODELS: Readonly<Record<ServiceName, ServiceModel>> = {
  iam: prepareModel('iam', iamFile as unknown as ModelFile),
  sts: prepareModel('sts', stsFile as unknown as ModelFile),
};

export function serviceModel(name: ServiceName): ServiceModel {
  return MODELS[name];
}

/** Every operation of the model, in alphabetical order. */
export function operationNames(model: ServiceModel): readonly string[] {
  return [...model.operations.keys()].sort();
}

/** The shape a reference names; a missing shape is a broken model, not a bad request. */
export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes.get(name);
  if (shape === undefined) throw new Error(`${model.service} model has no shape ${name}`);
  return shape;
}

export function findOperation(model: ServiceModel, name: string): OperationModel | undefined {
  return model.operations.get(name);
}

/** True for operations SDKs send unsigned (AssumeRoleWithSAML / AssumeRoleWithWebIdentity, §7.4). */
export function isUnsignedOperation(operation: OperationModel): boolean {
  return operation.authtype === 'none' || (operation.auth?.includes('smithy.api#noAuth') ?? false);
}

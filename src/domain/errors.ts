// The error services raise: named for the AWS condition (NoSuchEntity, EntityAlreadyExists, AccessDenied…).
// The protocol layer's registry maps each code to its HTTP status and fault type; messages follow AWS's
// wording where AWS fixes it.

export class AwsError extends Error {
  override readonly name = 'AwsError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const noSuchEntity = (message: string): AwsError => new AwsError('NoSuchEntity', message);
export const entityAlreadyExists = (message: string): AwsError => new AwsError('EntityAlreadyExists', message);
export const limitExceeded = (message: string): AwsError => new AwsError('LimitExceeded', message);
export const deleteConflict = (message: string): AwsError => new AwsError('DeleteConflict', message);
export const invalidInput = (message: string): AwsError => new AwsError('InvalidInput', message);
export const malformedPolicy = (message: string): AwsError => new AwsError('MalformedPolicyDocument', message);
export const unmodifiableEntity = (message: string): AwsError => new AwsError('UnmodifiableEntity', message);
export const validationError = (message: string): AwsError => new AwsError('ValidationError', message);

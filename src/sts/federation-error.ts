// Why an identity provider's token or assertion was refused, named by the STS error it becomes (§5.11).
// The verifiers throw it; the STS operations turn it into the AWS error envelope.

export type FederationErrorCode = 'InvalidIdentityToken' | 'ExpiredTokenException' | 'IDPCommunicationError' | 'IDPRejectedClaim';

export class FederationError extends Error {
  override readonly name = 'FederationError';
  constructor(
    readonly code: FederationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const invalidToken = (message: string): FederationError => new FederationError('InvalidIdentityToken', message);

// The rule every permissions boundary follows: it names an existing managed policy, customer or AWS (§1.3).

import { AwsError } from '../../domain/index.js';
import type { IamContext } from './context.js';
import { managedDocument } from './principal-policies.js';

/** A boundary must be an existing managed policy (customer or AWS). */
export const requireBoundaryPolicy = (ctx: IamContext, arn: string): void => {
  if (managedDocument(ctx.state, ctx.catalogue, ctx.account, arn) === undefined) {
    throw new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
  }
};

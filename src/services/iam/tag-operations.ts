// Tag…, Untag… and List…Tags for any taggable IAM entity: one implementation of the rules (§6.3), the
// condition keys each call carries (aws:RequestTag/…, aws:TagKeys, aws:ResourceTag/…) and the write.

import type { AwsError } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { AuthorizationCheck, IamContext, IamHandler } from './context.js';
import { pageOutput, paginate } from './pagination.js';
import type { Tag } from './records.js';
import { mergeTags, readTags, removeTags, requestTagContext, type TagKeyCase } from './tags.js';

export interface TaggableEntity {
  /** The operation stem: 'User' gives TagUser, UntagUser and ListUserTags. */
  readonly label: string;
  readonly keyCase: TagKeyCase;
  /** The entity the request names; throws the entity's NoSuchEntity. */
  readonly find: (ctx: IamContext, input: Record<string, unknown>, operation: string) => StoredRecord;
  /** The authorization check for an action on the entity, with its resource tags. */
  readonly check: (action: string, record: StoredRecord) => AuthorizationCheck;
  /** The error when the entity disappeared before the write. */
  readonly notFound: (record: StoredRecord) => AwsError;
  /** Refuses entities that may not be changed (service-linked roles). */
  readonly guard?: (record: StoredRecord) => void;
}

const tagsOf = (record: StoredRecord): readonly Tag[] => (record.data as { tags?: readonly Tag[] }).tags ?? [];

export const tagOperations = (entity: TaggableEntity): Record<string, IamHandler> => {
  const { label } = entity;
  const update = (ctx: IamContext, record: StoredRecord, change: (tags: readonly Tag[]) => Tag[]) =>
    ctx.write(async (tx) => {
      const current = await tx.getById(record.kind, record.id);
      if (current === undefined) throw entity.notFound(record);
      const data = current.data as { tags?: readonly Tag[] };
      await tx.update(record.kind, record.id, { data: { ...data, tags: change(data.tags ?? []) } });
    });
  const authorize = (ctx: IamContext, action: string, record: StoredRecord, extra: AuthorizationCheck['context']) => {
    const check = entity.check(action, record);
    ctx.authorize({ ...check, context: { ...check.context, ...extra } });
  };
  return {
    [`Tag${label}`]: async (ctx, input) => {
      const record = entity.find(ctx, input, `Tag${label}`);
      const tags = readTags(input.Tags);
      authorize(ctx, `iam:Tag${label}`, record, requestTagContext(tags));
      entity.guard?.(record);
      await update(ctx, record, (existing) => mergeTags(existing, tags, entity.keyCase));
      return undefined;
    },
    [`Untag${label}`]: async (ctx, input) => {
      const record = entity.find(ctx, input, `Untag${label}`);
      const keys = (input.TagKeys as string[] | undefined) ?? [];
      authorize(ctx, `iam:Untag${label}`, record, { 'aws:TagKeys': keys });
      entity.guard?.(record);
      await update(ctx, record, (existing) => removeTags(existing, keys, entity.keyCase));
      return undefined;
    },
    [`List${label}Tags`]: async (ctx, input) => {
      const record = entity.find(ctx, input, `List${label}Tags`);
      ctx.authorize(entity.check(`iam:List${label}Tags`, record));
      return pageOutput('Tags', paginate(tagsOf(record), input), (t) => t);
    },
  };
};

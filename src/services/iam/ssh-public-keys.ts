// SSH public keys for CodeCommit (§6.4: at most 5 per user): RSA keys of at least 2048 bits, uploaded in
// OpenSSH ("ssh-rsa …") or PEM form, identified by APKA… ids and an MD5 fingerprint (IAM API reference,
// UploadSSHPublicKey and SSHPublicKey).

import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { AwsError, limitExceeded, noSuchEntity, rootArn } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, KIND } from './records.js';
import { CREDENTIAL_KIND, newCredentialId, settableStatus, type SshPublicKeyData } from './user-credentials.js';
import { findUser, userCheck } from './users.js';

export const SSH_PUBLIC_KEYS_PER_USER = 5;
const MIN_KEY_BITS = 2048;

const unrecognized = () =>
  new AwsError('UnrecognizedPublicKeyEncoding', 'The public key encoding format is unsupported or unrecognized: upload an ssh-rsa or PEM RSA public key.');
const invalidKey = (why: string) => new AwsError('InvalidPublicKey', `The public key is not valid: ${why}.`);

// ---- Parsing: both forms end up as a KeyObject and the key's SSH wire encoding (RFC 4253 §6.6).

export interface ParsedPublicKey {
  readonly key: KeyObject;
  /** string "ssh-rsa", mpint e, mpint n. */
  readonly blob: Buffer;
  readonly format: 'SSH' | 'PEM';
}

const sshString = (bytes: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/** An unsigned big-endian integer as an SSH mpint: no leading zeros, one 0x00 when the top bit is set. */
const mpint = (unsigned: Buffer): Buffer => {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  return sshString(trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
};

const rsaBlob = (key: KeyObject): Buffer => {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(Buffer.from(jwk.e!, 'base64url')), mpint(Buffer.from(jwk.n!, 'base64url'))]);
};

/** Reads the fields of an OpenSSH key blob, each a uint32 length and that many bytes. */
const readFields = (blob: Buffer): Buffer[] => {
  const fields: Buffer[] = [];
  let offset = 0;
  while (offset < blob.length) {
    if (offset + 4 > blob.length) throw invalidKey('the key data is truncated');
    const end = offset + 4 + blob.readUInt32BE(offset);
    if (end > blob.length) throw invalidKey('the key data is truncated');
    fields.push(blob.subarray(offset + 4, end));
    offset = end;
  }
  return fields;
};

const fromOpenSsh = (text: string): KeyObject => {
  const [type, data] = text.split(/\s+/);
  if (type !== 'ssh-rsa') throw unrecognized();
  if (data === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) throw invalidKey('the key data is not base64');
  const fields = readFields(Buffer.from(data, 'base64'));
  if (fields.length !== 3 || fields[0]!.toString() !== 'ssh-rsa') throw invalidKey('the key data is not an ssh-rsa key');
  const unsigned = (b: Buffer) => b.subarray(b[0] === 0 ? 1 : 0).toString('base64url');
  try {
    return createPublicKey({ key: { kty: 'RSA', e: unsigned(fields[1]!), n: unsigned(fields[2]!) }, format: 'jwk' });
  } catch {
    throw invalidKey('the RSA parameters are not valid');
  }
};

const fromPem = (text: string): KeyObject => {
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch {
    throw invalidKey('the PEM data cannot be read');
  }
  if (key.asymmetricKeyType !== 'rsa') throw unrecognized();
  return key;
};

/** Parses an uploaded key; UnrecognizedPublicKeyEncoding for other forms and types, InvalidPublicKey for bad data. */
export const parsePublicKey = (body: string): ParsedPublicKey => {
  const text = body.trim();
  const format = text.startsWith('-----BEGIN') ? 'PEM' : 'SSH';
  const key = format === 'PEM' ? fromPem(text) : fromOpenSsh(text);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_KEY_BITS) throw invalidKey(`the key is ${bits} bits; the minimum is ${MIN_KEY_BITS}`);
  return { key, blob: rsaBlob(key), format };
};

/** MD5 of the wire encoding as colon-separated hex pairs. */
export const md5Fingerprint = (blob: Buffer): string => createHash('md5').update(blob).digest('hex').match(/../g)!.join(':');

// ---- Operations.

const keyNotFound = (id: string) => noSuchEntity(`The Public Key with id ${id} cannot be found.`);

/** The key, which must belong to this user. */
const findKey = (ctx: IamContext, user: StoredRecord, id: string): StoredRecord => {
  const key = ctx.state.get(CREDENTIAL_KIND.sshPublicKey, id);
  if (key === undefined || key.account !== ctx.account || key.scope !== user.id) throw keyNotFound(id);
  return key;
};

/** GetSSHPublicKey returns the key in the encoding asked for: as uploaded when it came in that form. */
const encoded = (data: SshPublicKeyData, encoding: 'SSH' | 'PEM'): string => {
  if (data.format === encoding) return data.body.trim();
  const { key, blob } = parsePublicKey(data.body);
  return encoding === 'SSH' ? `ssh-rsa ${blob.toString('base64')}` : (key.export({ type: 'spki', format: 'pem' }) as string).trim();
};

const keyOutput = (user: StoredRecord, key: StoredRecord, body: string): Record<string, unknown> => {
  const data = dataOf<SshPublicKeyData>(key);
  return {
    UserName: user.name,
    SSHPublicKeyId: key.id,
    Fingerprint: data.fingerprint,
    SSHPublicKeyBody: body,
    Status: data.status,
    UploadDate: data.uploadDate,
  };
};

const uploadSSHPublicKey: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  ctx.authorize(userCheck('iam:UploadSSHPublicKey', user));
  const body = input.SSHPublicKeyBody as string;
  const parsed = parsePublicKey(body);
  const fingerprint = md5Fingerprint(parsed.blob);
  const record = await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.user, user.id)) === undefined) throw noSuchEntity(`The user with name ${user.name} cannot be found.`);
    const keys = await tx.list(ctx.account, CREDENTIAL_KIND.sshPublicKey, user.id);
    if (keys.some((k) => dataOf<SshPublicKeyData>(k).fingerprint === fingerprint)) {
      throw new AwsError('DuplicateSSHPublicKey', 'The SSH public key is already associated with the specified IAM user.');
    }
    if (keys.length >= SSH_PUBLIC_KEYS_PER_USER) throw limitExceeded(`Cannot exceed quota for PublicKeysPerUser: ${SSH_PUBLIC_KEYS_PER_USER}`);
    const id = newCredentialId('APKA', 16);
    const data: SshPublicKeyData = { body, format: parsed.format, fingerprint, status: 'Active', uploadDate: isoNow(ctx.now) };
    return tx.insert({ account: ctx.account, kind: CREDENTIAL_KIND.sshPublicKey, id, scope: user.id, name: id, data });
  });
  return { SSHPublicKey: keyOutput(user, record, body) };
};

const getSSHPublicKey: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  ctx.authorize(userCheck('iam:GetSSHPublicKey', user));
  const key = findKey(ctx, user, input.SSHPublicKeyId as string);
  return { SSHPublicKey: keyOutput(user, key, encoded(dataOf<SshPublicKeyData>(key), input.Encoding as 'SSH' | 'PEM')) };
};

const listSSHPublicKeys: IamHandler = async (ctx, input) => {
  // Without UserName the caller's own keys; the root user has none (SSH keys belong to IAM users).
  let user: StoredRecord | undefined;
  if (typeof input.UserName === 'string') user = findUser(ctx, input.UserName);
  else if (ctx.caller.kind === 'user') user = ctx.state.get(KIND.user, ctx.caller.userId);
  ctx.authorize(user ? userCheck('iam:ListSSHPublicKeys', user) : { action: 'iam:ListSSHPublicKeys', resource: rootArn(ctx.account) });
  const keys = user ? ctx.state.list(ctx.account, CREDENTIAL_KIND.sshPublicKey, user.id) : [];
  return pageOutput('SSHPublicKeys', paginate(keys, input), (k) => {
    const data = dataOf<SshPublicKeyData>(k);
    return { UserName: user!.name, SSHPublicKeyId: k.id, Status: data.status, UploadDate: data.uploadDate };
  });
};

const updateSSHPublicKey: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  ctx.authorize(userCheck('iam:UpdateSSHPublicKey', user));
  const key = findKey(ctx, user, input.SSHPublicKeyId as string);
  const status = settableStatus(input.Status);
  await ctx.write(async (tx) => {
    const current = await tx.getById(CREDENTIAL_KIND.sshPublicKey, key.id);
    if (current === undefined) throw keyNotFound(key.id);
    await tx.update(CREDENTIAL_KIND.sshPublicKey, key.id, { data: { ...dataOf<SshPublicKeyData>(current), status } });
  });
  return undefined;
};

const deleteSSHPublicKey: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  ctx.authorize(userCheck('iam:DeleteSSHPublicKey', user));
  const key = findKey(ctx, user, input.SSHPublicKeyId as string);
  await ctx.write(async (tx) => {
    if (!(await tx.delete(CREDENTIAL_KIND.sshPublicKey, key.id))) throw keyNotFound(key.id);
  });
  return undefined;
};

export const SSH_PUBLIC_KEY_OPERATIONS: Record<string, IamHandler> = {
  UploadSSHPublicKey: uploadSSHPublicKey,
  GetSSHPublicKey: getSSHPublicKey,
  ListSSHPublicKeys: listSSHPublicKeys,
  UpdateSSHPublicKey: updateSSHPublicKey,
  DeleteSSHPublicKey: deleteSSHPublicKey,
};

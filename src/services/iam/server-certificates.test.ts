// Server certificates against a real store and authorizer: shapes, the private key (checked against the
// certificate, stored sealed, never returned), chain validation, names, paths, the quota, renames, tags
// and authorization.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_CERTIFICATE_KIND, type ServerCertificateData } from './server-certificates.js';
import { allow, ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';
import { INTERMEDIATE_CA, LEAF, LEAF_KEY, OTHER, OTHER_KEY, ROOT_CA, SELF_SIGNED, SELF_SIGNED_KEY } from './test-support/credential-fixtures.js';


let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const selfSigned = (name: string, extra: Record<string, unknown> = {}) => ({
  ServerCertificateName: name,
  CertificateBody: SELF_SIGNED,
  PrivateKey: SELF_SIGNED_KEY,
  ...extra,
});

describe('UploadServerCertificate and GetServerCertificate', () => {
  it('returns ServerCertificateMetadata with an ASCA id, a path-qualified ARN and the certificate\'s expiry', async () => {
    const out = await h.call('UploadServerCertificate', selfSigned('web', { Path: '/cloudfront/', Tags: [{ Key: 'env', Value: 'prod' }] }));
    const metadata = {
      Path: '/cloudfront/',
      ServerCertificateName: 'web',
      ServerCertificateId: expect.stringMatching(/^ASCA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/web`,
      UploadDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      Expiration: '2124-01-01T00:00:00Z',
    };
    expect(out).toEqual({ ServerCertificateMetadata: metadata, Tags: [{ Key: 'env', Value: 'prod' }] });
    expect(await h.call('GetServerCertificate', { ServerCertificateName: 'WEB' })).toEqual({
      ServerCertificate: { ServerCertificateMetadata: metadata, CertificateBody: SELF_SIGNED, Tags: [{ Key: 'env', Value: 'prod' }] },
    });
  });

  it('keeps the private key sealed and never returns it', async () => {
    await h.call('UploadServerCertificate', selfSigned('web'));
    const stored = h.state.all(SERVER_CERTIFICATE_KIND)[0]!.data as ServerCertificateData;
    expect(JSON.stringify(stored)).not.toContain('PRIVATE KEY');
    expect(stored.sealedPrivateKey).toMatch(/^v1\./);
    expect(JSON.stringify(await h.call('GetServerCertificate', { ServerCertificateName: 'web' }))).not.toContain('PRIVATE KEY');
  });

  it('refuses a private key that does not match, and unreadable certificates or keys', async () => {
    expect(await h.fail('UploadServerCertificate', selfSigned('web', { PrivateKey: OTHER_KEY }))).toMatchObject({
      code: 'KeyPairMismatch',
      message: 'Public key certificate and private key do not match.',
    });
    expect(await h.fail('UploadServerCertificate', selfSigned('web', { CertificateBody: 'nope' }))).toMatchObject({
      code: 'MalformedCertificate',
      message: 'Unable to parse certificate. Please ensure the certificate is in PEM format.',
    });
    expect(await h.fail('UploadServerCertificate', selfSigned('web', { PrivateKey: 'nope' }))).toMatchObject({
      code: 'MalformedCertificate',
      message: 'Unable to parse private key. Please ensure the private key is in PEM format.',
    });
  });

  it('checks that each certificate of the chain signed the one before it', async () => {
    const leaf = { ServerCertificateName: 'leaf', CertificateBody: LEAF, PrivateKey: LEAF_KEY };
    const chain = `${INTERMEDIATE_CA}${ROOT_CA}`;
    await h.call('UploadServerCertificate', { ...leaf, CertificateChain: chain });
    expect(((await h.call('GetServerCertificate', { ServerCertificateName: 'leaf' })).ServerCertificate as Record<string, unknown>).CertificateChain).toBe(chain);

    const wrongOrder = await h.fail('UploadServerCertificate', { ...leaf, ServerCertificateName: 'x', CertificateChain: `${ROOT_CA}${INTERMEDIATE_CA}` });
    expect(wrongOrder.code).toBe('MalformedCertificate');
    expect(wrongOrder.message).toMatch(/^Unable to validate certificate chain\. .* The index within the chain of the invalid certificate is: 0$/);
    const broken = await h.fail('UploadServerCertificate', { ...leaf, ServerCertificateName: 'y', CertificateChain: `${INTERMEDIATE_CA}${OTHER}` });
    expect(broken.message).toMatch(/is: 1$/);
    expect((await h.fail('UploadServerCertificate', { ...leaf, ServerCertificateName: 'z', CertificateChain: 'junk' })).code).toBe('MalformedCertificate');
  });

  it('keeps names unique without regard to case and answers NoSuchEntity for unknown names', async () => {
    await h.call('UploadServerCertificate', selfSigned('Web'));
    expect(await h.fail('UploadServerCertificate', selfSigned('WEB'))).toMatchObject({
      code: 'EntityAlreadyExists',
      message: 'The Server Certificate with name WEB already exists.',
    });
    expect(await h.fail('GetServerCertificate', { ServerCertificateName: 'ghost' })).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The Server Certificate with name ghost cannot be found.',
    });
  });

  it('allows 20 per account', async () => {
    for (let i = 0; i < 20; i++) await h.call('UploadServerCertificate', selfSigned(`c${i}`));
    expect(await h.fail('UploadServerCertificate', selfSigned('one-too-many'))).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for ServerCertificatesPerAccount: 20',
    });
  });
});

describe('ListServerCertificates, UpdateServerCertificate, DeleteServerCertificate', () => {
  it('lists by PathPrefix and paginates', async () => {
    for (const [name, path] of [['a', '/x/'], ['b', '/x/y/'], ['c', '/z/']] as const) await h.call('UploadServerCertificate', selfSigned(name, { Path: path }));
    const names = (out: Record<string, unknown>) => (out.ServerCertificateMetadataList as { ServerCertificateName: string }[]).map((c) => c.ServerCertificateName);
    expect(names(await h.call('ListServerCertificates', { PathPrefix: '/x/' }))).toEqual(['a', 'b']);
    const page = await h.call('ListServerCertificates', { MaxItems: 2 });
    expect(names(page)).toEqual(['a', 'b']);
    expect(page.IsTruncated).toBe(true);
    const rest = await h.call('ListServerCertificates', { Marker: page.Marker });
    expect(names(rest)).toEqual(['c']);
    expect(rest.IsTruncated).toBe(false);
  });

  it('renames and moves, refusing a name taken by another certificate', async () => {
    await h.call('UploadServerCertificate', selfSigned('old'));
    await h.call('UploadServerCertificate', selfSigned('taken'));
    expect(await h.fail('UpdateServerCertificate', { ServerCertificateName: 'old', NewServerCertificateName: 'TAKEN' })).toMatchObject({
      code: 'EntityAlreadyExists',
    });
    await h.call('UpdateServerCertificate', { ServerCertificateName: 'old', NewServerCertificateName: 'new', NewPath: '/p/' });
    expect((await h.fail('GetServerCertificate', { ServerCertificateName: 'old' })).code).toBe('NoSuchEntity');
    const got = (await h.call('GetServerCertificate', { ServerCertificateName: 'new' })).ServerCertificate as Record<string, Record<string, unknown>>;
    expect(got.ServerCertificateMetadata).toMatchObject({ Path: '/p/', Arn: `arn:aws:iam::${ACCOUNT}:server-certificate/p/new` });
    await h.call('DeleteServerCertificate', { ServerCertificateName: 'new' });
    expect((await h.fail('DeleteServerCertificate', { ServerCertificateName: 'new' })).code).toBe('NoSuchEntity');
  });
});

describe('tags', () => {
  it('tags, lists and untags with case-sensitive keys', async () => {
    await h.call('UploadServerCertificate', selfSigned('web', { Tags: [{ Key: 'Env', Value: 'a' }] }));
    await h.call('TagServerCertificate', { ServerCertificateName: 'web', Tags: [{ Key: 'env', Value: 'b' }, { Key: 'Env', Value: 'c' }] });
    expect(await h.call('ListServerCertificateTags', { ServerCertificateName: 'web' })).toEqual({
      Tags: [{ Key: 'env', Value: 'b' }, { Key: 'Env', Value: 'c' }],
      IsTruncated: false,
    });
    await h.call('UntagServerCertificate', { ServerCertificateName: 'web', TagKeys: ['ENV', 'env'] });
    expect((await h.call('ListServerCertificateTags', { ServerCertificateName: 'web' })).Tags).toEqual([{ Key: 'Env', Value: 'c' }]);
    expect((await h.fail('TagServerCertificate', { ServerCertificateName: 'web', Tags: [{ Key: 'aws:x', Value: '' }] })).code).toBe('InvalidInput');
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: '' }));
    expect((await h.fail('TagServerCertificate', { ServerCertificateName: 'web', Tags: many })).code).toBe('LimitExceeded');
  });
});

describe('authorization', () => {
  it('denies without permission, allows with it, and checks aws:ResourceTag and both names on rename', async () => {
    await h.call('CreateUser', { UserName: 'dev' });
    const dev = h.userCaller('dev');
    const arn = `arn:aws:iam::${ACCOUNT}:server-certificate/web`;
    expect(await h.fail('UploadServerCertificate', selfSigned('web'), dev)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: iam:UploadServerCertificate on resource: ${arn} because no identity-based policy allows the iam:UploadServerCertificate action`),
    });
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:UploadServerCertificate', Resource: '*' },
        { Effect: 'Allow', Action: ['iam:GetServerCertificate', 'iam:UpdateServerCertificate'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'dev' } } },
      ],
    };
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'certs', PolicyDocument: JSON.stringify(policy) });
    await h.call('UploadServerCertificate', selfSigned('web', { Tags: [{ Key: 'team', Value: 'dev' }] }), dev);
    await h.call('UploadServerCertificate', selfSigned('ops', { Tags: [{ Key: 'team', Value: 'ops' }] }), dev);
    expect(await h.call('GetServerCertificate', { ServerCertificateName: 'web' }, dev)).toHaveProperty('ServerCertificate');
    expect((await h.fail('GetServerCertificate', { ServerCertificateName: 'ops' }, dev)).code).toBe('AccessDenied');
    await h.call('UpdateServerCertificate', { ServerCertificateName: 'web', NewServerCertificateName: 'web2' }, dev);
    expect((await h.fail('ListServerCertificates', {}, dev)).code).toBe('AccessDenied');
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'list', PolicyDocument: allow('iam:ListServerCertificates') });
    expect(((await h.call('ListServerCertificates', {}, dev)).ServerCertificateMetadataList as unknown[]).length).toBe(2);
  });

  it('needs UpdateServerCertificate on the new name as well as the old', async () => {
    await h.call('UploadServerCertificate', selfSigned('a'));
    await h.call('CreateUser', { UserName: 'dev' });
    const old = `arn:aws:iam::${ACCOUNT}:server-certificate/a`;
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'rename', PolicyDocument: allow('iam:UpdateServerCertificate', old) });
    expect(await h.fail('UpdateServerCertificate', { ServerCertificateName: 'a', NewServerCertificateName: 'b' }, h.userCaller('dev'))).toMatchObject({
      code: 'AccessDenied',
      message: expect.stringContaining(`on resource: arn:aws:iam::${ACCOUNT}:server-certificate/b `),
    });
    // A new path is a new ARN too.
    expect((await h.fail('UpdateServerCertificate', { ServerCertificateName: 'a', NewPath: '/p/' }, h.userCaller('dev'))).message).toContain(
      `on resource: arn:aws:iam::${ACCOUNT}:server-certificate/p/a `,
    );
  });
});

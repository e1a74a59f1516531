// The four engine-benchmark scenarios as data: the policies, the request and the expected decision.
// Both engines are fed from these definitions (bench/keycard.ts and bench/peer.ts translate them).

/** A policy document exactly as it would be stored: plain JSON. */
export type PolicyDocument = {
  readonly Version: '2012-10-17';
  readonly Statement: readonly StatementDocument[];
};

export type StatementDocument = {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | { readonly AWS: string | readonly string[] };
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
};

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** Mirrors the `keycard simulate` input of cases/README.md, with policies always as documents. */
export interface Scenario {
  readonly id: 'A' | 'B' | 'C' | 'D';
  readonly name: string;
  readonly description: string;
  readonly request: {
    readonly principal: string;
    readonly principalType: 'user' | 'role-session';
    readonly action: string;
    readonly resource: string;
    readonly resourceAccount: string;
    /** Strings only: the peer's context takes strings and string lists, and AWS context values are strings. */
    readonly context: Readonly<Record<string, string | readonly string[]>>;
  };
  readonly policies: {
    readonly identity: readonly PolicyDocument[];
    readonly resource?: PolicyDocument;
    readonly boundary?: PolicyDocument;
    readonly session?: PolicyDocument;
    /** Root first, the account last; each level must allow. */
    readonly scp?: readonly (readonly PolicyDocument[])[];
    /** Root first, the account last; each level must allow. */
    readonly rcp?: readonly (readonly PolicyDocument[])[];
  };
  /** The decision, the policy type that decided, and the Sid of the statement that decided it. */
  readonly expect: { readonly decision: Decision; readonly decidedBy: string; readonly sid: string };
}

const ACCOUNT_A = '111111111111';
const ACCOUNT_B = '222222222222';
const ORG_ID = 'o-a1b2c3d4e5';

const policy = (...statements: StatementDocument[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements,
});

const allowAll: StatementDocument = { Effect: 'Allow', Action: '*', Resource: '*' };

/**
 * AWS attaches RCPFullAWSAccess to every node of the organization and it cannot be detached (§4.2); it is
 * the only RCP that may Allow. Keycard takes it as given; the peer adds it to every level itself.
 */
export const RCP_FULL_AWS_ACCESS: PolicyDocument = policy({
  Sid: 'RCPFullAWSAccess',
  Effect: 'Allow',
  Principal: '*',
  Action: '*',
  Resource: '*',
});

// A: the common case — one small identity policy, the request hits a prefix grant.
const scenarioA: Scenario = {
  id: 'A',
  name: 'identity-prefix',
  description: 'one identity policy of 5 statements allowing s3:GetObject on a bucket prefix',
  request: {
    principal: `arn:aws:iam::${ACCOUNT_A}:user/alice`,
    principalType: 'user',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::reports-bucket/team-a/2024/q1.csv',
    resourceAccount: ACCOUNT_A,
    context: {},
  },
  policies: {
    identity: [
      policy(
        { Sid: 'ListReports', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports-bucket' },
        {
          Sid: 'ReadTeamPrefix',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:GetObjectVersion'],
          Resource: 'arn:aws:s3:::reports-bucket/team-a/*',
        },
        {
          Sid: 'WriteUploads',
          Effect: 'Allow',
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::reports-bucket/team-a/uploads/*',
        },
        { Sid: 'DescribeInstances', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
        { Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:DeleteObject*', Resource: 'arn:aws:s3:::reports-bucket/*' },
      ),
    ],
  },
  expect: { decision: 'Allow', decidedBy: 'identity', sid: 'ReadTeamPrefix' },
};

// B: a heavily-permissioned principal. 10 managed policies × 10 statements over several services, with
// wildcards everywhere and StringLike / IpAddress conditions that must be evaluated; the only Allow that
// applies is the last statement of the last policy, so every statement is visited. Plus a boundary.
const TEAMS = ['web', 'data', 'ml', 'ops', 'sec', 'pay', 'search', 'mobile', 'infra', 'growth'] as const;

function managedPolicy(p: number): PolicyDocument {
  const team = TEAMS[p] ?? 'none';
  const net = `10.${100 + p}.0.0/16`; // never the caller's network (10.20.0.0/16)
  const statements: StatementDocument[] = [
    { Sid: `Describe${p}`, Effect: 'Allow', Action: ['ec2:Describe*', 'elasticloadbalancing:Describe*'], Resource: '*' },
    {
      Sid: `Tables${p}`,
      Effect: 'Allow',
      Action: ['dynamodb:Get*', 'dynamodb:Query', 'dynamodb:BatchGet*'],
      Resource: `arn:aws:dynamodb:*:${ACCOUNT_A}:table/${team}-*`,
    },
    {
      Sid: `TeamBucket${p}`,
      Effect: 'Allow',
      Action: ['s3:Get*', 's3:List*'],
      Resource: [`arn:aws:s3:::${team}-artifacts`, `arn:aws:s3:::${team}-artifacts/*`],
    },
    {
      Sid: `TeamTagged${p}`,
      Effect: 'Allow',
      Action: 's3:*Object',
      Resource: `arn:aws:s3:::data-lake-*/${team}/*`,
      Condition: { StringLike: { 'aws:PrincipalTag/team': `${team}-*` } },
    },
    {
      Sid: `OfficeOnly${p}`,
      Effect: 'Allow',
      Action: 's3:Get*',
      Resource: 'arn:aws:s3:::data-lake-*/*',
      Condition: { IpAddress: { 'aws:SourceIp': net } },
    },
    { Sid: `Queues${p}`, Effect: 'Allow', Action: ['sqs:Send*', 'sqs:Receive*'], Resource: `arn:aws:sqs:*:${ACCOUNT_A}:${team}-*` },
    { Sid: `Logs${p}`, Effect: 'Allow', Action: 'logs:*', Resource: `arn:aws:logs:*:${ACCOUNT_A}:log-group:/${team}/*` },
    {
      Sid: `Regions${p}`,
      Effect: 'Allow',
      Action: ['lambda:Invoke*', 'lambda:Get*'],
      Resource: `arn:aws:lambda:*:${ACCOUNT_A}:function:${team}-*`,
      Condition: { StringLike: { 'aws:RequestedRegion': 'us-*' } },
    },
    { Sid: `NoIam${p}`, Effect: 'Deny', Action: ['iam:Create*', 'iam:Put*', 'iam:Attach*'], Resource: '*' },
    {
      Sid: `CorpNetwork${p}`,
      Effect: 'Deny',
      Action: 's3:*',
      Resource: '*',
      Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } },
    },
  ];
  if (p === TEAMS.length - 1) {
    // The one grant that applies, last of all.
    statements[statements.length - 1] = {
      Sid: 'DataLakeRead',
      Effect: 'Allow',
      Action: ['s3:GetObject*', 's3:ListBucket'],
      Resource: 'arn:aws:s3:::data-lake-*/raw/*',
      Condition: {
        StringLike: { 'aws:PrincipalTag/team': 'data-*', 'aws:RequestedRegion': 'eu-*' },
        IpAddress: { 'aws:SourceIp': ['10.20.0.0/16', '192.0.2.0/24'] },
      },
    };
  }
  return policy(...statements);
}

const scenarioB: Scenario = {
  id: 'B',
  name: 'managed-heavy',
  description: '10 managed policies × 10 statements, wildcards, StringLike and IpAddress conditions, plus a boundary',
  request: {
    principal: `arn:aws:iam::${ACCOUNT_A}:user/eng/bob`,
    principalType: 'user',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::data-lake-prod/raw/2024/06/events.json',
    resourceAccount: ACCOUNT_A,
    context: {
      'aws:SourceIp': '10.20.30.40',
      'aws:PrincipalTag/team': 'data-platform',
      'aws:RequestedRegion': 'eu-west-1',
    },
  },
  policies: {
    identity: TEAMS.map((_, p) => managedPolicy(p)),
    boundary: policy(
      {
        Sid: 'StorageAndCompute',
        Effect: 'Allow',
        Action: ['s3:Get*', 's3:List*', 'dynamodb:*', 'ec2:Describe*', 'sqs:*', 'logs:*', 'lambda:*'],
        Resource: '*',
      },
      { Sid: 'NeverIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
    ),
  },
  expect: { decision: 'Allow', decidedBy: 'identity', sid: 'DataLakeRead' },
};

// C: cross-account. A role session of account A reads a bucket of account B; both sides allow, but the
// bucket policy denies every request from outside the corporate networks and this one comes from outside.
const DATA_BUCKET = 'arn:aws:s3:::partner-exchange';

const scenarioC: Scenario = {
  id: 'C',
  name: 'cross-account-source-ip',
  description: 'cross-account; the bucket policy’s explicit Deny depends on aws:SourceIp',
  request: {
    principal: `arn:aws:sts::${ACCOUNT_A}:assumed-role/Analytics/etl-run-42`,
    principalType: 'role-session',
    action: 's3:GetObject',
    resource: `${DATA_BUCKET}/inbound/2024/06/orders.csv`,
    resourceAccount: ACCOUNT_B,
    context: { 'aws:SourceIp': '203.0.113.9' },
  },
  policies: {
    identity: [
      policy(
        {
          Sid: 'PartnerRead',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [DATA_BUCKET, `${DATA_BUCKET}/*`],
        },
        { Sid: 'OwnBuckets', Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::analytics-${ACCOUNT_A}-*` },
      ),
    ],
    resource: policy(
      {
        Sid: 'AnalyticsRead',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT_A}:role/Analytics` },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [DATA_BUCKET, `${DATA_BUCKET}/*`],
      },
      {
        Sid: 'NoDeletes',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:DeleteObject', 's3:DeleteBucket'],
        Resource: [DATA_BUCKET, `${DATA_BUCKET}/*`],
      },
      {
        Sid: 'CorporateNetworksOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [DATA_BUCKET, `${DATA_BUCKET}/*`],
        Condition: { NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '10.0.0.0/8'] } },
      },
    ),
  },
  expect: { decision: 'ExplicitDeny', decidedBy: 'resource', sid: 'CorporateNetworksOnly' },
};

// D: an organization. SCPs at root, OU and account (each level must allow), an RCP beside the implicit
// RCPFullAWSAccess, a role policy and a session policy; every guardrail is evaluated and none denies.
// See ../shared/reference/aws-iam-sts.md §4.2 and §4.6.
const ARTIFACTS = 'arn:aws:s3:::deploy-artifacts';

const scenarioD: Scenario = {
  id: 'D',
  name: 'organization-guardrails',
  description: 'three SCP levels, an RCP and a session policy over a role session',
  request: {
    principal: `arn:aws:sts::${ACCOUNT_A}:assumed-role/Deployer/ci-4821`,
    principalType: 'role-session',
    action: 's3:GetObject',
    resource: `${ARTIFACTS}/builds/4821/app.zip`,
    resourceAccount: ACCOUNT_A,
    context: {
      'aws:RequestedRegion': 'eu-west-1',
      'aws:SecureTransport': 'true',
      'aws:PrincipalOrgID': ORG_ID,
    },
  },
  policies: {
    identity: [
      policy(
        { Sid: 'Artifacts', Effect: 'Allow', Action: 's3:*', Resource: [ARTIFACTS, `${ARTIFACTS}/*`] },
        { Sid: 'Deploy', Effect: 'Allow', Action: ['cloudformation:*', 'lambda:UpdateFunctionCode'], Resource: '*' },
      ),
    ],
    session: policy({
      Sid: 'ReadWriteBuilds',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: `${ARTIFACTS}/builds/*`,
    }),
    scp: [
      // Root: FullAWSAccess.
      [policy({ Sid: 'FullAWSAccess', ...allowAll })],
      // OU: FullAWSAccess plus a region guardrail.
      [
        policy({ Sid: 'FullAWSAccess', ...allowAll }),
        policy({
          Sid: 'DenyOutsideEU',
          Effect: 'Deny',
          NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
        }),
      ],
      // Account: an allow list instead of FullAWSAccess, and a deny.
      [
        policy(
          { Sid: 'AllowedServices', Effect: 'Allow', Action: ['s3:*', 'cloudformation:*', 'lambda:*'], Resource: '*' },
          { Sid: 'KeepBuckets', Effect: 'Deny', Action: ['s3:DeleteBucket', 's3:PutBucketPolicy'], Resource: '*' },
        ),
      ],
    ],
    rcp: [
      [
        RCP_FULL_AWS_ACCESS,
        policy(
          {
            Sid: 'EnforceSecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: ['s3:*', 'sqs:*', 'kms:*', 'sts:*', 'secretsmanager:*'],
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
          },
          {
            Sid: 'OrgOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: '*',
            Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG_ID } },
          },
        ),
      ],
    ],
  },
  expect: { decision: 'Allow', decidedBy: 'identity', sid: 'Artifacts' },
};

export const SCENARIOS: readonly Scenario[] = [scenarioA, scenarioB, scenarioC, scenarioD];

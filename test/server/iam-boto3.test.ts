// boto3 (python3.11) against a live Keycard on both stores: a scripted flow whose every response goes
// through botocore's own parser, including its URL-decoding of policy documents and paginators.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boto3 } from '../support/clients.js';
import { STORE_KINDS, startTestServer, type TestServer } from '../support/keycard-server.js';

const SCRIPT = String.raw`
import json, boto3, botocore
iam = boto3.client("iam")
out = {}
iam.create_user(UserName="frank", Path="/ops/", Tags=[{"Key": "team", "Value": "ops"}])
doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalTag/team": "o%s"}}}]}
iam.put_user_policy(UserName="frank", PolicyName="self", PolicyDocument=json.dumps(doc))
out["policy"] = iam.get_user_policy(UserName="frank", PolicyName="self")["PolicyDocument"]
out["user"] = iam.get_user(UserName="frank")["User"]["Arn"]
for i in range(4):
    iam.create_group(GroupName="g%d" % i)
paginator = iam.get_paginator("list_groups")
out["groups"] = [g["GroupName"] for page in paginator.paginate(PaginationConfig={"PageSize": 3}) for g in page["Groups"]]
iam.add_user_to_group(GroupName="g1", UserName="frank")
out["groups_for_user"] = [g["GroupName"] for g in iam.list_groups_for_user(UserName="frank")["Groups"]]
try:
    iam.delete_group(GroupName="g1")
except botocore.exceptions.ClientError as e:
    out["delete_group_error"] = [e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
try:
    iam.get_role(RoleName="missing")
except iam.exceptions.NoSuchEntityException as e:
    out["no_such_role"] = e.response["Error"]["Message"]
summary = iam.get_account_summary()["SummaryMap"]
out["summary"] = {k: summary[k] for k in ("Users", "Groups", "UsersQuota")}
print(json.dumps(out))
`;

describe.each(STORE_KINDS)('boto3 on %s', (store) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ store });
  });
  afterAll(async () => server?.close());

  it('runs a user, group and policy flow through botocore', async () => {
    const out = (await boto3({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey }, SCRIPT)) as Record<string, unknown>;
    expect(out.policy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*', Condition: { StringLike: { 'aws:PrincipalTag/team': 'o%s' } } }],
    });
    expect(out.user).toBe('arn:aws:iam::123456789012:user/ops/frank');
    expect(out.groups).toEqual(['g0', 'g1', 'g2', 'g3']);
    expect(out.groups_for_user).toEqual(['g1']);
    expect(out.delete_group_error).toEqual(['DeleteConflict', 'Cannot delete entity, must remove users from group first.', 409]);
    expect(out.no_such_role).toBe('The role with name missing cannot be found.');
    expect(out.summary).toEqual({ Users: 1, Groups: 4, UsersQuota: 5000 });
  }, 120_000);
});

// A synthetic `aws iam get-account-authorization-details` file for the browser tests (never a
// real account), in either document form: JSON objects (the AWS CLI) or URL-encoded strings
// (the API).

export const ACCOUNT = '111122223333';
export const arn = (resource) => `arn:aws:iam::${ACCOUNT}:${resource}`;
const doc = (...statements) => ({ Version: '2012-10-17', Statement: statements });
const trust = (principal) => doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' });

/** RFC 3986 percent-encoding, as the API writes documents. */
const urlEncode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The synthetic account: alice (group devs may pass AppRole to EC2; customer managed PassAdmin,
 * default version v2, may pass AdminRole), bob (may pass anything, but his boundary allows S3
 * only), AdminRole (EC2 may assume it; AWS managed AdministratorAccess by ARN), AppRole (EC2
 * and Lambda; reads one bucket), PartnerRole (trusted by another account: not in the map).
 */
export function accountFile(form) {
  const d = (v) => (form === 'api' ? urlEncode(JSON.stringify(v)) : v);
  const inline = (list) => list.map(([PolicyName, document]) => ({ PolicyName, PolicyDocument: d(document) }));
  const attached = (list) => list.map((PolicyArn) => ({ PolicyName: PolicyArn.split('/').pop(), PolicyArn }));
  const user = (name, { policies = [], managed = [], groups = [], boundary } = {}) => ({
    Path: '/', UserName: name, UserId: `AIDA${name.toUpperCase()}`, Arn: arn(`user/${name}`), CreateDate: '2024-01-02T03:04:05Z',
    UserPolicyList: inline(policies), GroupList: groups, AttachedManagedPolicies: attached(managed), Tags: [{ Key: 'team', Value: 'web' }],
    ...(boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundary } } : {}),
  });
  const role = (name, trusted, { policies = [], managed = [] } = {}) => ({
    Path: '/', RoleName: name, RoleId: `AROA${name.toUpperCase()}`, Arn: arn(`role/${name}`), CreateDate: '2024-01-02T03:04:05Z',
    AssumeRolePolicyDocument: d(trust(trusted)), InstanceProfileList: [], RolePolicyList: inline(policies), AttachedManagedPolicies: attached(managed), Tags: [],
  });
  const customer = (name, versions, def) => ({
    PolicyName: name, PolicyId: `ANPA${name.toUpperCase()}`, Arn: arn(`policy/${name}`), Path: '/', DefaultVersionId: def, AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: '2024-01-02T03:04:05Z', UpdateDate: '2024-01-02T03:04:05Z',
    PolicyVersionList: versions.map(([VersionId, document]) => ({ Document: d(document), VersionId, IsDefaultVersion: VersionId === def, CreateDate: '2024-01-02T03:04:05Z' })),
  });
  return JSON.stringify(
    {
      UserDetailList: [
        user('alice', { groups: ['devs'], managed: [arn('policy/PassAdmin')] }),
        user('bob', { policies: [['PassAnything', doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })]], boundary: arn('policy/S3Only') }),
      ],
      GroupDetailList: [
        {
          Path: '/', GroupName: 'devs', GroupId: 'AGPADEVS', Arn: arn('group/devs'), CreateDate: '2024-01-02T03:04:05Z', AttachedManagedPolicies: [],
          GroupPolicyList: inline([['PassAppRole', doc({ Sid: 'PassApp', Effect: 'Allow', Action: 'iam:PassRole', Resource: arn('role/AppRole'), Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } })]]),
        },
      ],
      RoleDetailList: [
        role('AdminRole', { Service: 'ec2.amazonaws.com' }, { managed: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
        role('AppRole', { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }, { policies: [['ReadApp', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-bucket/*' })]] }),
        role('PartnerRole', { AWS: 'arn:aws:iam::444455556666:root' }),
      ],
      Policies: [
        customer('PassAdmin', [['v1', doc({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' })], ['v2', doc({ Sid: 'PassAdmin', Effect: 'Allow', Action: 'iam:PassRole', Resource: arn('role/AdminRole') })]], 'v2'),
        customer('S3Only', [['v1', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })]], 'v1'),
      ],
      IsTruncated: false,
    },
    null,
    2,
  );
}

// The examples gallery. The scenarios are the JSON files in www/examples/, bundled as text
// (esbuild's text loader), so each opens exactly as written; each is offered as a share link.

import ex1 from '../examples/1-passrole-ec2-full-access-only.json';
import ex2 from '../examples/2-passrole-allow-on-role.json';
import ex3 from '../examples/3-passrole-narrowed-to-ec2.json';
import ex3b from '../examples/3b-passrole-narrowed-lambda-denied.json';
import ex4 from '../examples/4-passrole-privilege-escalation.json';
import ex5 from '../examples/5-explicit-deny-wins.json';
import ex6 from '../examples/6-permissions-boundary.json';
import ex7 from '../examples/7-scp-allow-list.json';
import ex8 from '../examples/8-cross-account-bucket.json';
import ex9 from '../examples/9-vpc-endpoint-one-bucket.json';

/** { id, lead, title, blurb, text } in gallery order; `lead` opens the start line (intro.js). */
export const EXAMPLES = [
  { id: '1', lead: 'This user cannot pass the EC2 role:', title: 'EC2 full access cannot pass a role', blurb: 'iam:PassRole is implicitly denied: AmazonEC2FullAccess does not grant it.', text: ex1 },
  { id: '2', lead: 'One more statement lets the launch through:', title: 'Allow iam:PassRole on the role', blurb: 'One more statement and the launch is allowed.', text: ex2 },
  { id: '3', lead: 'PassRole narrowed to EC2 allows this launch:', title: 'PassRole narrowed to EC2', blurb: 'iam:PassedToService and iam:AssociatedResourceARN: EC2 is allowed…', text: ex3 },
  { id: '3b', lead: 'The same policy refuses the role to Lambda:', title: '…and Lambda is denied', blurb: 'The same policy refuses to pass the role to Lambda.', text: ex3b },
  { id: '4', lead: 'This user could pass an admin role to EC2:', title: 'Why PassRole exists', blurb: 'A user who cannot attach admin rights to himself can still pass an admin role to EC2.', text: ex4 },
  { id: '5', lead: 'A Deny beats every Allow:', title: 'An explicit Deny wins', blurb: 'A Deny statement beats every Allow.', text: ex5 },
  { id: '6', lead: 'The boundary caps what the policy grants:', title: 'A permissions boundary', blurb: 'The boundary caps what the identity policy grants.', text: ex6 },
  { id: '7', lead: 'The SCP limits even an administrator:', title: 'A service control policy', blurb: 'An OU’s allow-list limits even an administrator.', text: ex7 },
  { id: '8', lead: 'Both accounts must allow:', title: 'A cross-account bucket policy', blurb: 'Both accounts must allow: the caller’s policy and the bucket policy.', text: ex8 },
  { id: '9', lead: 'IAM allows it, the VPC endpoint does not:', title: 'Denied through a VPC endpoint', blurb: 'IAM allows the bucket, but the endpoint policy allows only another one: S3 says AccessDenied.', text: ex9 },
];

import decodedMessage from '../artefacts/decoded-authorization-message.json';
import decodedMessageCli from '../artefacts/decode-authorization-message-cli-output.json';

/** Artefacts to import (they open the Import dialog): { id, title, blurb, text }. */
export const IMPORT_EXAMPLES = [
  { id: 'i1', title: 'Start from a decoded error message', blurb: 'The PassRole story’s decoded authorization message: import it, ask for a fix, apply it.', text: decodedMessage },
  { id: 'i2', title: '…or from the CLI’s output', blurb: 'The same message as aws sts decode-authorization-message prints it.', text: decodedMessageCli },
];

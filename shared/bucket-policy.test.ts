import { describe, expect, it } from 'vitest';
import { POLICY_TEMPLATES, policyProblem, policySummary } from './bucket-policy';

describe('bucket policies', () => {
  it('says each template in plain words', () => {
    expect(policySummary(POLICY_TEMPLATES['public-read']('site', 'public/'), 'site')).toEqual(['Anyone may read objects under public/.']);
    expect(policySummary(POLICY_TEMPLATES['public-read']('site'), 'site')).toEqual(['Anyone may read objects in the whole bucket.']);
    expect(policySummary(POLICY_TEMPLATES['read-only']('site', 'arn:aws:iam:::user/ann'), 'site')).toEqual([
      'arn:aws:iam:::user/ann may read objects and list the bucket in the whole bucket.',
    ]);
    expect(policySummary(POLICY_TEMPLATES['deny-insecure']('site'), 'site')).toEqual([
      'No one may do anything in the whole bucket when the request does not use HTTPS.',
    ]);
  });

  it('names what it does not know as written', () => {
    const policy = JSON.stringify({
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::1:root' },
        Action: 's3:GetBucketTagging',
        Resource: 'arn:aws:s3:::site/a.txt',
        Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      },
    });
    expect(policySummary(policy, 'site')).toEqual(['arn:aws:iam::1:root may s3:GetBucketTagging on a.txt when the request comes from 10.0.0.0/8.']);
  });

  it('explains a text that is no policy', () => {
    expect(policyProblem('{ "Statement": [')).toMatch(/^It is not JSON: /);
    expect(policyProblem('[]')).toBe('A policy is one JSON object, { "Version": "2012-10-17", "Statement": [ … ] }.');
    expect(policyProblem('{"Statement": []}')).toBe('A policy needs a "Statement" with at least one statement in it.');
    expect(policyProblem('{"Statement": [{"Sid": "x", "Effect": "Maybe"}]}')).toBe('Statement 1 (x) needs "Effect": "Allow" or "Deny".');
    expect(policyProblem('{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}')).toBe(
      'Statement 1 needs a "Resource", such as "arn:aws:s3:::bucket/*".',
    );
    expect(policyProblem(POLICY_TEMPLATES['deny-insecure']('b'))).toBeUndefined();
    expect(policyProblem(`{"Statement": [], "x": "${'a'.repeat(21_000)}"}`)).toBe('A bucket policy has at most 20 KB.');
  });
});

describe('making public by policy where ACLs are off', () => {
  it('adds one statement for an object or a folder, keeping the policy’s own', async () => {
    const { withPublicRead } = await import('./bucket-policy');
    expect(policySummary(withPublicRead(null, 'site', { key: 'docs/a b.txt' }), 'site')).toEqual(['Anyone may read objects on docs/a b.txt.']);
    const both = withPublicRead(POLICY_TEMPLATES['deny-insecure']('site'), 'site', { prefix: 'img/' });
    expect(policySummary(both, 'site')).toEqual([
      'No one may do anything in the whole bucket when the request does not use HTTPS.',
      'Anyone may read objects under img/.',
    ]);
    expect(
      (JSON.parse(withPublicRead(POLICY_TEMPLATES['public-read']('site', 'a/'), 'site', { prefix: 'b/' })) as { Statement: { Sid: string }[] }).Statement.map(
        (s) => s.Sid,
      ),
    ).toEqual(['PublicRead', 'PublicRead2']);
  });
});

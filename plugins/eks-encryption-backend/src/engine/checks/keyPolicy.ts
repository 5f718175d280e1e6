import type { CheckResult } from 'backstage-plugin-eks-encryption-common';
import { analyzeKeyPolicy, type KeyPolicyFinding } from '../keyPolicy';
import { keyPolicyRemediation } from '../remediation';
import { checkResult, unknownFromFailure } from '../results';
import { keyTarget, resolveKey, type JudgeContext } from './context';

function listFindings(findings: KeyPolicyFinding[]): string {
  return findings.map(f => `${f.statement} ${f.reason}.`).join(' ');
}

/** `key-policy`: no Allow statement grants a wildcard principal without a pinning condition. */
export function judgeKeyPolicy(ctx: JudgeContext): CheckResult {
  const id = 'key-policy';
  const resolved = resolveKey(id, ctx, 'Who may use the key is unknown.');
  if ('result' in resolved) return resolved.result;
  const key = resolved.key.metadata.value;
  const policy = resolved.key.policy;
  if (!policy.ok) {
    return unknownFromFailure(
      id,
      policy,
      { keyRef: key.arn, clusterName: ctx.cluster.name },
      "Who may use the key is unknown: a key policy can only be read with credentials in the key's own account.",
    );
  }
  const analysis = analyzeKeyPolicy(policy.value, {
    keyAccountId: key.accountId,
    ...(ctx.eks.roleArn ? { clusterRoleArn: ctx.eks.roleArn } : {}),
  });
  const target = keyTarget(ctx);
  if (!analysis.ok) {
    return checkResult(
      id,
      'unknown',
      `Not verified: the policy returned by kms:GetKeyPolicy in account ${key.accountId} could not be read`,
      `The default key policy of ${key.arn} could not be analysed: ${analysis.error}.`,
      keyPolicyRemediation(target, key.accountId),
    );
  }
  const failures = analysis.findings.filter(f => f.level === 'fail');
  const warnings = analysis.findings.filter(f => f.level === 'warn');
  if (failures.length) {
    const first = failures[0];
    const more =
      failures.length > 1 ? ` (and ${failures.length - 1} more)` : '';
    return checkResult(
      id,
      'fail',
      `Key policy ${first.statement} grants a wildcard principal without a restricting condition${more}`,
      listFindings([...failures, ...warnings]),
      keyPolicyRemediation(target, key.accountId),
    );
  }
  if (warnings.length) {
    const first = warnings[0];
    const more =
      warnings.length > 1 ? ` (and ${warnings.length - 1} more)` : '';
    return checkResult(
      id,
      'warn',
      `Key policy ${first.statement} ${first.reason}${more}`,
      listFindings(warnings),
      keyPolicyRemediation(target, key.accountId),
    );
  }
  return checkResult(
    id,
    'pass',
    'The key policy grants no wildcard principal without a restricting condition',
    `All ${analysis.statements} statements of the default key policy of ${
      key.arn
    } name their principals or pin the caller with a concrete condition; kms:Decrypt and kms:CreateGrant go only to the account root${
      ctx.eks.roleArn ? ` and the cluster role ${ctx.eks.roleArn}` : ''
    }.`,
  );
}

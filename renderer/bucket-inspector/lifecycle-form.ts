import { lifecycleRuleSchema, type LifecycleRule } from '../../shared/lifecycle';

/** The lifecycle rule editor's fields as typed (days as text, empty: not set). */
export interface LifecycleFormValues {
  id: string;
  enabled: boolean;
  prefix: string;
  tags: string;
  expireDays: string;
  expireNoncurrentDays: string;
  abortIncompleteDays: string;
  transitions: string;
}

export type LifecycleField = Exclude<keyof LifecycleFormValues, 'enabled'> | 'actions';

/** The fields for a rule (a new one: named, on, for the whole bucket, doing nothing yet). */
export function lifecycleFormValues(rule?: LifecycleRule, taken: string[] = []): LifecycleFormValues {
  const text = (n?: number) => (n === undefined ? '' : String(n));
  let id = rule?.id ?? 'rule-1';
  for (let n = 2; !rule && taken.includes(id); n += 1) id = `rule-${n}`;
  return {
    id,
    enabled: rule?.enabled ?? true,
    prefix: rule?.prefix ?? '',
    tags: (rule?.tags ?? []).map((tag) => `${tag.key}=${tag.value}`).join(', '),
    expireDays: text(rule?.expireDays),
    expireNoncurrentDays: text(rule?.expireNoncurrentDays),
    abortIncompleteDays: text(rule?.abortIncompleteDays),
    transitions: (rule?.transitions ?? []).map((t) => `${t.days}:${t.storageClass}`).join(', '),
  };
}

const DAY_FIELDS = ['expireDays', 'expireNoncurrentDays', 'abortIncompleteDays'] as const;

/**
 * The rule the fields make, checked by the same schema the main process uses, or each field's
 * first problem; `others` are the names of the bucket's other rules (a name is one rule's).
 */
export function lifecycleRuleOf(values: LifecycleFormValues, others: string[]): { rule?: LifecycleRule; problems: Partial<Record<LifecycleField, string>> } {
  const problems: Partial<Record<LifecycleField, string>> = {};
  const days: Partial<Record<(typeof DAY_FIELDS)[number], number>> = {};
  for (const field of DAY_FIELDS) {
    const text = values[field].trim();
    if (!text) continue;
    if (/^\d+$/.test(text)) days[field] = Number(text);
    else problems[field] = 'Give a whole number of days, or leave it empty.';
  }
  const tags = values.tags
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0) problems.tags ??= `Write each tag as name=value (not "${pair}").`;
      return { key: pair.slice(0, Math.max(eq, 0)).trim(), value: pair.slice(eq + 1).trim() };
    });
  const transitions = values.transitions
    .split(',')
    .map((spec) => spec.trim())
    .filter(Boolean)
    .map((spec) => {
      const match = /^(\d+)\s*:\s*(\S+)$/.exec(spec);
      if (!match) problems.transitions ??= `Write each change as DAYS:CLASS, e.g. 30:STANDARD_IA (not "${spec}").`;
      return { days: Number(match?.[1] ?? 0), storageClass: match?.[2] ?? '' };
    });
  const id = values.id.trim();
  if (others.includes(id)) problems.id = 'Another rule has this name; each needs its own.';
  if (Object.keys(problems).length) return { problems };
  const parsed = lifecycleRuleSchema.safeParse({ id, enabled: values.enabled, prefix: values.prefix, tags, transitions, ...days });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      const key: LifecycleField =
        field === 'id' || field === 'prefix' || field === 'tags' || field === 'transitions' || field in days ? (field as LifecycleField) : 'actions';
      problems[key] ??= issue.message;
    }
    return { problems };
  }
  const rule = parsed.data;
  if (rule.expireDays === undefined && rule.expireNoncurrentDays === undefined && rule.abortIncompleteDays === undefined && !rule.transitions.length)
    return { problems: { actions: 'Say what the rule does: fill in at least one of the days below.' } };
  return { rule, problems: {} };
}

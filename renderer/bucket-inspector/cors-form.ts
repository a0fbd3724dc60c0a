import { CORS_METHODS, CORS_PRESETS, corsRuleSchema, type CorsMethod, type CorsRule } from '../../shared/cors';

/** The CORS rule editor's fields as typed: lists as text, one item per line or comma. */
export interface CorsFormValues {
  id: string;
  origins: string;
  methods: CorsMethod[];
  allowedHeaders: string;
  exposeHeaders: string;
  maxAge: string;
}

export type CorsField = 'origins' | 'methods' | 'allowedHeaders' | 'exposeHeaders' | 'maxAge' | 'id';

/** The fields for a rule (a new one starts with nothing allowed but GET). */
export function corsFormValues(rule?: CorsRule): CorsFormValues {
  return {
    id: rule?.id ?? '',
    origins: (rule?.allowedOrigins ?? []).join('\n'),
    methods: rule?.allowedMethods ?? ['GET'],
    allowedHeaders: (rule?.allowedHeaders ?? []).join(', '),
    exposeHeaders: (rule?.exposeHeaders ?? []).join(', '),
    maxAge: rule?.maxAgeSeconds === undefined ? '' : String(rule.maxAgeSeconds),
  };
}

/** The fields a preset fills in; the uploads preset keeps the origins already typed (or asks for one). */
export function presetValues(name: 'browser-uploads' | 'read-anywhere', current: CorsFormValues): CorsFormValues {
  if (name === 'read-anywhere') return { ...corsFormValues(CORS_PRESETS['read-anywhere']()), id: current.id };
  const origins = current.origins.trim() && current.origins.trim() !== '*' ? current.origins : '';
  return { ...corsFormValues(CORS_PRESETS['browser-uploads']('x')), origins, id: current.id };
}

const listOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);

const FIELD_OF: Record<string, CorsField> = {
  allowedOrigins: 'origins',
  allowedMethods: 'methods',
  allowedHeaders: 'allowedHeaders',
  exposeHeaders: 'exposeHeaders',
  maxAgeSeconds: 'maxAge',
  id: 'id',
};

/** The rule the fields make, checked by the same schema the main process uses; or the first problem of each field. */
export function corsRuleOf(values: CorsFormValues): { rule?: CorsRule; problems: Partial<Record<CorsField, string>> } {
  const maxAge = values.maxAge.trim();
  if (maxAge && !/^\d+$/.test(maxAge)) return { problems: { maxAge: 'Give a whole number of seconds, or leave it empty.' } };
  const parsed = corsRuleSchema.safeParse({
    ...(values.id.trim() && { id: values.id.trim() }),
    allowedOrigins: listOf(values.origins),
    allowedMethods: CORS_METHODS.filter((method) => values.methods.includes(method)),
    allowedHeaders: listOf(values.allowedHeaders),
    exposeHeaders: listOf(values.exposeHeaders),
    ...(maxAge && { maxAgeSeconds: Number(maxAge) }),
  });
  if (parsed.success) return { rule: parsed.data, problems: {} };
  const problems: Partial<Record<CorsField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = FIELD_OF[String(issue.path[0])] ?? 'origins';
    problems[field] ??= field === 'maxAge' ? 'Give a number of seconds up to 2,147,483,647.' : issue.message;
  }
  return { problems };
}

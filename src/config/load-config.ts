import { ConfigError } from './config-error.ts';
import { productionProblems } from './production-rules.ts';
import { type Config, envSchema } from './schema.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** `NAME=` (as in .env.example or a compose file) means "not set", not an empty value. */
function withoutEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

/** The only reader of process.env. Every problem is reported at once, so an operator fixes them in one go. */
export function loadConfig(raw: Env = process.env): Config {
  const env = withoutEmpty(raw);
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
  if (env['NODE_ENV'] === 'production') {
    const named = new Set(problems.map((problem) => problem.split(':')[0]));
    problems.push(...productionProblems(env).filter((problem) => !named.has(problem.split(':')[0])));
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}

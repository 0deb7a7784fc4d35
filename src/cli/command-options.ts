import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { UsageError } from './usage-error.ts';

/** parseArgs (strict) then a zod schema over the values; any mistake is a UsageError (exit 2) naming the option. */
export function parseOptions<S extends z.ZodType>(args: string[], options: NonNullable<ParseArgsConfig['options']>, schema: S): z.output<S> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.length ? `--${issue.path.join('.')}` : 'options'}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}

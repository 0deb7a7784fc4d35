import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { clientRegistrationSchema } from '../provider/client-registration.ts';

export const seedSchema = z
  .object({
    clients: z.array(clientRegistrationSchema).default([]),
    users: z
      .array(
        z
          .object({
            email: z.email(),
            password: z.string().min(8, 'at least 8 characters'),
            certificate: z.string().includes('-----BEGIN', { message: 'a PEM certificate' }),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type Seed = z.output<typeof seedSchema>;

export class SeedError extends Error {
  override name = 'SeedError';
}

/** KILT_SEED_FILE: relying parties and accounts a demo, a compose file or an outside check starts with. */
export async function readSeedFile(path: string): Promise<Seed> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SeedError(`cannot read the seed file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = seedSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new SeedError(`the seed file ${path} is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  return parsed.data;
}

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readTrustDirectory } from '../adapters/fs/trust-directory.ts';
import { httpRevocationPorts } from '../adapters/http/revocation-http.ts';
import { decodePemOrDer } from '../pki/certificate.ts';
import { PkiError } from '../pki/errors.ts';
import { LOCALES, pkiMessage } from '../pki/messages.ts';
import { createPkiVerifier } from '../pki/create-verifier.ts';
import { REVOCATION_MODES } from '../pki/revocation/checker.ts';
import type { PkiVerifier, VerifiedCertificate } from '../pki/verifier.ts';
import { UsageError } from './usage-error.ts';

const optionsSchema = z.object({
  cms: z.string().optional(),
  cert: z.string().optional(),
  data: z.string().optional(),
  'challenge-b64': z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64').optional(),
  purpose: z.enum(['auth', 'sign']).optional(),
  trust: z.string({ error: '--trust DIR is required' }),
  crl: z.array(z.string()).default([]),
  revocation: z.enum(REVOCATION_MODES).optional(),
  'ocsp-url': z.url().optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  lang: z.enum(LOCALES).default('ru'),
});

type PkiOptions = z.infer<typeof optionsSchema>;

function parseOptions(args: string[]): PkiOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        cms: { type: 'string' }, cert: { type: 'string' }, data: { type: 'string' }, 'challenge-b64': { type: 'string' },
        purpose: { type: 'string' }, trust: { type: 'string' }, crl: { type: 'string', multiple: true },
        revocation: { type: 'string' }, 'ocsp-url': { type: 'string' }, at: { type: 'string' }, lang: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}

async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function createVerifier(options: PkiOptions): Promise<PkiVerifier> {
  let trusted: Uint8Array[];
  try {
    trusted = await readTrustDirectory(options.trust);
  } catch (error) {
    throw new UsageError(`cannot read the trust directory ${options.trust}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const crls = await Promise.all(options.crl.map((path) => readInput(path, 'CRL')));
  try {
    const { verifier, warnings } = createPkiVerifier({
      trusted,
      crls,
      revocation: options.revocation ?? (options.crl.length > 0 ? 'crl' : 'off'),
      ports: httpRevocationPorts({ timeoutMs: 5_000 }),
      ...(options['ocsp-url'] ? { ocspUrl: options['ocsp-url'] } : {}),
    });
    for (const warning of warnings) process.stderr.write(`kilt: trust store: ${warning}\n`);
    return verifier;
  } catch (error) {
    if (error instanceof PkiError) throw new UsageError(`cannot set up verification: ${error.detail}`);
    throw error;
  }
}

/** Absent fields print as null so that scripts see the same keys for every certificate. */
function describeCertificate(verified: VerifiedCertificate): Record<string, unknown> {
  const { revocation, ...identity } = verified;
  return {
    ...Object.fromEntries(Object.entries(identity).map(([key, value]) => [key, value ?? null])),
    revocation: { status: revocation.status, source: revocation.source ?? null, thisUpdate: revocation.thisUpdate?.toISOString() ?? null },
  };
}

async function verify(subcommand: string, options: PkiOptions): Promise<Record<string, unknown>> {
  const at = options.at ? new Date(options.at) : undefined;
  if (subcommand === 'verify') {
    if (!options.cms) throw new UsageError('--cms FILE is required');
    const cms = await readInput(options.cms, 'CMS');
    const data = options.data ? await readInput(options.data, 'data') : undefined;
    const expectedContent = options['challenge-b64'] === undefined ? undefined : new Uint8Array(Buffer.from(options['challenge-b64'], 'base64'));
    const verifier = await createVerifier(options);
    const result = await verifier.verifyCms(cms, {
      ...(data ? { data } : {}), ...(expectedContent ? { expectedContent } : {}), ...(at ? { at } : {}),
      ...(options.purpose ? { purpose: options.purpose, singleSigner: true } : {}),
    });
    const signers = result.signers.map(({ certificate: _certificate, ...signer }) => ({
      ...describeCertificate(signer),
      content: Buffer.from(result.content).toString('base64'),
    }));
    return { ok: true, signer: signers[0], ...(signers.length > 1 ? { signers } : {}) };
  }
  if (!options.cert) throw new UsageError('--cert FILE is required');
  const [der] = decodePemOrDer(await readInput(options.cert, 'certificate'), ['CERTIFICATE']);
  const verifier = await createVerifier(options);
  if (!der) throw new PkiError('pki.malformed', 'no certificate in the file');
  const verified = await verifier.verifyCertificate(der, { ...(at ? { at } : {}), ...(options.purpose ? { purpose: options.purpose } : {}) });
  return { ok: true, signer: describeCertificate(verified) };
}

export async function runPkiCommand(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'verify' && subcommand !== 'verify-cert') throw new UsageError(`unknown pki command "${subcommand ?? ''}"`);
  const options = parseOptions(rest);
  if (subcommand === 'verify' && options.cert) throw new UsageError('--cert belongs to "pki verify-cert"');
  if (subcommand === 'verify-cert' && (options.cms || options.data || options['challenge-b64'])) throw new UsageError('--cms, --data and --challenge-b64 belong to "pki verify"');
  try {
    process.stdout.write(`${JSON.stringify(await verify(subcommand, options))}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof PkiError)) throw error;
    process.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: pkiMessage(error.code, options.lang, error.params), detail: error.detail })}\n`);
    return 1;
  }
}

import { runPkiCommand } from './pki-command.ts';
import { UsageError } from './usage-error.ts';

const HELP = `kilt — OpenID Connect identity provider for NCA RK keys

Usage:
  kilt pki verify --cms FILE [--data FILE] [--challenge-b64 B64] [--purpose auth|sign] --trust DIR
                  [--crl FILE]... [--revocation off|crl|ocsp|ocsp,crl] [--ocsp-url URL] [--at ISO-8601] [--lang ru|kk|en]
  kilt pki verify-cert --cert FILE --trust DIR [--purpose auth|sign] [--crl FILE]...
                  [--revocation off|crl|ocsp|ocsp,crl] [--ocsp-url URL] [--at ISO-8601] [--lang ru|kk|en]
  kilt help

Both pki commands print one JSON object: {"ok":true,"signer":{...}} (exit 0) or
{"ok":false,"code":"pki.…","message":"…"} (exit 1). Usage errors exit 2.
Revocation defaults to "crl" when --crl is given and to "off" otherwise; the answer says which was done.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return 0;
    case 'pki':
      return runPkiCommand(rest);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`kilt: ${error.message}\n\n${HELP}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`kilt: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);

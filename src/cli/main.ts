import { ConfigError } from '../config/config-error.ts';
import type { StoreCommand } from './command-context.ts';
import { runPkiCommand } from './pki-command.ts';
import { StoreRequiredError } from './store-required-error.ts';
import { UsageError } from './usage-error.ts';

const HELP = `kilt — OpenID Connect identity provider for NCA RK keys

Usage:
  kilt serve      run the server (what \`npm start\` does); configured by the environment, see .env.example
  kilt clients add --client-id ID --redirect-uri URI [--redirect-uri URI]... [--secret S | --public]
                  [--post-logout-redirect-uri URI]... [--first-party] [--profile-policy membership|certificate]
                  [--profile-types individual,legal_entity] [--pairwise] [--backchannel-logout-uri URI]
  kilt clients list
  kilt clients remove --client-id ID
  kilt agreement publish --ru FILE --kk FILE --en FILE
  kilt agreement show
  kilt keys rotate
  kilt users create --email E --password P --cert FILE.pem
  kilt pki verify --cms FILE [--data FILE] [--challenge-b64 B64] [--purpose auth|sign] --trust DIR
                  [--crl FILE]... [--revocation off|crl|ocsp|ocsp,crl] [--ocsp-url URL] [--at ISO-8601] [--lang ru|kk|en]
  kilt pki verify-cert --cert FILE --trust DIR [--purpose auth|sign] [--crl FILE]...
                  [--revocation off|crl|ocsp|ocsp,crl] [--ocsp-url URL] [--at ISO-8601] [--lang ru|kk|en]
  kilt help

clients, agreement, keys and users work on the MongoDB of MONGODB_URI, the store the servers share; a client without
--secret or --public gets a generated secret, printed once. agreement publish takes the Russian, Kazakh and English
texts (UTF-8 files) as the next version, which every person accepts at their next sign-in; agreement show prints the
latest version and when it was published. Every command prints one JSON object: {"ok":true,…} (exit 0) or
{"ok":false,"code":"…","message":"…"} (exit 1). Usage and configuration errors exit 2.
Revocation defaults to "crl" when --crl is given and to "off" otherwise; the answer says which was done.
`;

const STORE_COMMANDS = new Set(['clients', 'agreement', 'keys', 'users']);

// The server and the MongoDB driver are loaded on demand, so that `kilt pki` starts quickly.
async function parseStoreCommand(command: string, args: string[]): Promise<StoreCommand> {
  if (command === 'clients') return (await import('./clients-command.ts')).clientsCommand(args);
  if (command === 'agreement') return (await import('./agreement-command.ts')).agreementCommand(args);
  if (command === 'keys') return (await import('./keys-command.ts')).keysCommand(args);
  return (await import('./users-command.ts')).usersCommand(args);
}

async function runStoreCommand(command: string, args: string[]): Promise<number> {
  const run = await parseStoreCommand(command, args);
  const { loadConfig } = await import('../config/load-config.ts');
  const config = loadConfig();
  if (!config.store.mongodbUri) throw new StoreRequiredError(command);
  const { connectMongoStore } = await import('../adapters/mongo/index.ts');
  const store = await connectMongoStore(config.store.mongodbUri).catch((error: unknown) => {
    throw new Error(`cannot reach MongoDB (MONGODB_URI): ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    return await run({ store, config, print: (result) => process.stdout.write(`${JSON.stringify(result)}\n`) });
  } finally {
    await store.close();
  }
}

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
    case 'serve':
      if (rest.length > 0) throw new UsageError('"kilt serve" takes no arguments: it is configured by the environment');
      return (await import('../main.ts')).serve();
    default:
      if (command && STORE_COMMANDS.has(command)) return runStoreCommand(command, rest);
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // The server may leave handles behind (a mongod download it gave up waiting for); its work is done here.
    if (process.argv[2] === 'serve') process.exit(code);
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`kilt: ${error.message}\n\n${HELP}`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof StoreRequiredError || error instanceof ConfigError) {
      process.stderr.write(`kilt: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`kilt: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);

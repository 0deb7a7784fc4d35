// A real SMTP server in the test process (smtp-server): plain TCP on 127.0.0.1, AUTH optional, every letter kept.
import { SMTPServer } from 'smtp-server';
import { type ParsedLetter, parseLetter } from './mime.ts';

export interface CaughtLetter extends ParsedLetter {
  /** The envelope, as the server saw it. */
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  /** The AUTH user, if the client logged in. */
  readonly user: string | undefined;
}

export interface SmtpCatcher {
  /** smtp://127.0.0.1:<port>, with `user:password@` when credentials were given. */
  readonly url: string;
  readonly letters: readonly CaughtLetter[];
  /** While true, every recipient is refused (550), as a mail server that will not take the letter. */
  refuse(refusing: boolean): void;
  close(): Promise<void>;
}

export interface SmtpCatcherOptions {
  readonly credentials?: { readonly user: string; readonly password: string };
  readonly refuse?: boolean;
}

export async function startSmtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const { credentials } = options;
  let refusing = options.refuse ?? false;
  const letters: CaughtLetter[] = [];
  const server = new SMTPServer({
    secure: false,
    // Otherwise nodemailer upgrades to TLS and refuses the server's self-signed certificate.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(_address, _session, callback) {
      callback(refusing ? Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        letters.push({
          ...parseLetter(Buffer.concat(chunks).toString('latin1')),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  const login = credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@` : '';
  return {
    url: `smtp://${login}127.0.0.1:${port}`,
    letters,
    refuse: (value) => {
      refusing = value;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

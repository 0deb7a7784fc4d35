import { type AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';

/**
 * A development stand-in for NCALayer: the same WebSocket protocol (reference/kz-pki.md §1), signing with test keys.
 * It listens on 127.0.0.1 at a port of its own — never 13579, so a real NCALayer on the machine keeps working — and
 * exists only in development and tests.
 */
export interface EmulatorKey {
  /** Shown to the developer before each signature, as NCALayer shows the chosen key. */
  readonly label: string;
  /** CMS (DER) over `data`, attached or detached, as KalkanCrypt makes it. */
  sign(data: Uint8Array, attached: boolean): Uint8Array;
}

/** What the emulated person does in NCALayer's dialog. */
export type EmulatorBehaviour = 'sign' | 'cancel' | 'fail';

export interface EmulatorOptions {
  /** The key files the person could pick in NCALayer's dialog; the first signs until another is chosen. */
  readonly keys: readonly EmulatorKey[];
  readonly port?: number;
  /** Old NCALayer builds have only commonUtils: `['commonUtils']` makes basics answer MODULE_NOT_FOUND. */
  readonly modules?: readonly ('basics' | 'commonUtils')[];
  readonly onSign?: (label: string, index: number) => void;
}

export interface NcaLayerEmulator {
  readonly url: string;
  behaviour: EmulatorBehaviour;
  readonly keys: readonly EmulatorKey[];
  /** The index in `keys` of the key that signs next. */
  readonly chosen: number;
  /**
   * Picks the key for the signatures from now on, as picking a key file in NCALayer would; the protocol has no such
   * request, so the developer (or a test) does it beside the page. A RangeError for an index outside `keys`.
   */
  choose(index: number): void;
  close(): Promise<void>;
}

const BASICS = 'kz.gov.pki.knca.basics';
const COMMON_UTILS = 'kz.gov.pki.knca.commonUtils';

const requestSchema = z.object({ module: z.string().optional(), method: z.string(), args: z.unknown(), uuid: z.string().optional() });
const basicsSignArgs = z.object({
  format: z.literal('cms'),
  data: z.union([z.string(), z.array(z.string()).min(1)]),
  signingParams: z.object({ decode: z.boolean().default(false), encapsulate: z.boolean().default(true) }).partial().default({}),
  signerParams: z.object({ extKeyUsageOids: z.array(z.string()) }).loose(),
});
const commonUtilsSignArgs = z.tuple([z.string(), z.string(), z.string(), z.boolean()]);

function armour(der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CMS-----\n${lines.join('\n')}\n-----END CMS-----\n`;
}

const invocationError = (details: string) => ({ status: false, code: 'INVOCATION_ERROR', message: 'An invoked method threw an exception.', details });

export async function startNcaLayerEmulator(options: EmulatorOptions): Promise<NcaLayerEmulator> {
  if (options.keys.length === 0) throw new RangeError('the NCALayer emulator needs at least one key');
  const modules = new Set(options.modules ?? ['basics', 'commonUtils']);
  const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  let chosen = 0;
  const emulator: NcaLayerEmulator = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    behaviour: 'sign',
    keys: options.keys,
    get chosen() {
      return chosen;
    },
    choose(index) {
      if (!Number.isInteger(index) || index < 0 || index >= options.keys.length) throw new RangeError(`no key ${index}: the emulator holds ${options.keys.length}`);
      chosen = index;
    },
    close: () => new Promise((resolve) => {
      for (const client of server.clients) client.terminate();
      server.close(() => resolve());
    }),
  };

  const sign = (data: Uint8Array, attached: boolean): Uint8Array => {
    const key = options.keys[chosen]!;
    options.onSign?.(key.label, chosen);
    return key.sign(data, attached);
  };

  const basics = (args: unknown): unknown => {
    const parsed = basicsSignArgs.safeParse(args);
    if (!parsed.success) return invocationError(`org.json.JSONException: ${parsed.error.issues[0]?.message ?? 'bad arguments'}`);
    if (emulator.behaviour === 'cancel') return { body: {}, status: true };
    if (emulator.behaviour === 'fail') return { status: false, code: 'SIGNING_FAILURE', message: 'Signing failed' };
    const { data, signingParams } = parsed.data;
    const toBytes = (item: string) => new Uint8Array(signingParams.decode ? Buffer.from(item, 'base64') : Buffer.from(item, 'utf8'));
    const signOne = (item: string) => armour(sign(toBytes(item), signingParams.encapsulate ?? true));
    return { body: { result: Array.isArray(data) ? data.map(signOne) : signOne(data) }, status: true };
  };

  const commonUtils = (method: string, args: unknown): unknown => {
    if (method === 'getActiveTokens') return { code: '200', responseObject: [] };
    if (method !== 'createCMSSignatureFromBase64') return { code: '500', message: `Method not found: ${method}` };
    const parsed = commonUtilsSignArgs.safeParse(args);
    if (!parsed.success) return { code: '500', message: `java.lang.IllegalArgumentException: argument type mismatch. Method: ${method}` };
    if (emulator.behaviour === 'cancel') return { code: '500', message: 'action.canceled' };
    if (emulator.behaviour === 'fail') return { code: '500', message: 'Signing failed' };
    const [, , base64, attached] = parsed.data;
    return { code: '200', responseObject: Buffer.from(sign(new Uint8Array(Buffer.from(base64, 'base64')), attached)).toString('base64') };
  };

  const answer = (text: string): unknown => {
    let request: z.infer<typeof requestSchema>;
    try {
      request = requestSchema.parse(JSON.parse(text));
    } catch {
      return invocationError('org.json.JSONException: not a request');
    }
    if (request.module === BASICS && modules.has('basics') && request.method === 'sign') return basics(request.args);
    if (request.module === COMMON_UTILS && modules.has('commonUtils')) return { ...(commonUtils(request.method, request.args) as object), ...(request.uuid ? { uuid: request.uuid } : {}) };
    return { success: false, errorCode: 'MODULE_NOT_FOUND' };
  };

  server.on('connection', (socket: WebSocket) => {
    socket.send(JSON.stringify({ result: { version: '1.4' } }));
    socket.on('message', (data) => {
      const text = data.toString();
      socket.send(text === '--heartbeat--' ? text : JSON.stringify(answer(text)));
    });
  });
  return emulator;
}

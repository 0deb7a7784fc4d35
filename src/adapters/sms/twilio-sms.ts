import twilio from 'twilio';
import { z } from 'zod';
import type { SmsSender } from '../../domain/sms.ts';

export interface TwilioSettings {
  readonly accountSid: string;
  readonly authToken: string;
  /** A number in E.164; unused when `messagingServiceSid` is set. */
  readonly from?: string | undefined;
  readonly messagingServiceSid?: string | undefined;
}

export interface TwilioOptions {
  /** Another origin for Twilio's REST API, e.g. a stand-in in tests; default Twilio itself. */
  readonly apiUrl?: string;
  readonly timeoutMs?: number;
}

/** A person waits on the form for the code; the library's own default is 30 seconds. */
const TIMEOUT_MS = 10_000;

type RequestClientOptions = ConstructorParameters<typeof twilio.RequestClient>[0];
type RequestOptions = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0];

/**
 * The library's extension point for this (a custom `httpClient`, as twilio-node's maintainers advise for mock servers):
 * the very requests the library builds, only sent to another origin. The library keeps the https://api.twilio.com origin
 * in generated code and has no setting for it.
 */
class RebasedRequestClient extends twilio.RequestClient {
  readonly #apiUrl: string;

  constructor(apiUrl: string, options: RequestClientOptions) {
    super(options);
    this.#apiUrl = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  }

  override request<TData>(options: RequestOptions & { data?: TData }) {
    const uri = new URL(options.uri);
    return super.request<TData>({ ...options, uri: new URL(`${uri.pathname.slice(1)}${uri.search}`, this.#apiUrl).href });
  }
}

/**
 * What the library throws: a RestException or TwilioServiceException (fields from Twilio's error body, as Twilio sent
 * them, so each may be missing or of another type) for an HTTP failure; axios's error, without `status`, when no answer came.
 */
const failure = z.object({
  status: z.number().optional().catch(undefined),
  code: z.number().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  detail: z.string().optional().catch(undefined),
});

function reason(error: unknown): string {
  const parsed = failure.safeParse(error);
  if (!parsed.success) return String(error);
  const { status, code, message, detail } = parsed.data;
  if (status === undefined) return `Twilio could not be reached: ${message ?? 'no answer'}`;
  const said = [message, detail].filter((part) => part !== undefined && part !== '').join(' ');
  return `Twilio refused the SMS: HTTP ${status}${code === undefined ? '' : `, error ${code}`}${said ? `: ${said}` : ''}`;
}

/**
 * SMS through Twilio's Messages API. Rejects when Twilio does not queue the message, with why (Twilio's error code and
 * message when it sent them), never with the library's error itself: that carries the request, Authorization included.
 */
export function twilioSms(settings: TwilioSettings, options: TwilioOptions = {}): SmsSender {
  const { apiUrl, timeoutMs = TIMEOUT_MS } = options;
  // The messaging service wins: it picks among its own senders, which is what an operator sets it up for.
  const sender = settings.messagingServiceSid
    ? { messagingServiceSid: settings.messagingServiceSid }
    : settings.from
      ? { from: settings.from }
      : undefined;
  if (!sender) throw new Error('Twilio needs a sender: TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID');
  const client = twilio(settings.accountSid, settings.authToken, {
    timeout: timeoutMs,
    ...(apiUrl ? { httpClient: new RebasedRequestClient(apiUrl, { timeout: timeoutMs }) } : {}),
  });
  return {
    async send({ to, text }) {
      try {
        await client.messages.create({ to, body: text, ...sender });
      } catch (error) {
        // Twilio's text or a network message should never hold the token, but it goes to logs: make sure.
        throw new Error(reason(error).replaceAll(settings.authToken, '[auth token]'));
      }
    },
  };
}

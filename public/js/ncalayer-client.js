// The browser side of signing with NCALayer (reference/kz-pki.md §1). No build step: served as is.
// Speaks NCALayer's WebSocket protocol: the greeting, then `kz.gov.pki.knca.basics` `sign`; falls back to the legacy
// `kz.gov.pki.knca.commonUtils` API when the basics module is missing. Failures carry a `reason` the page shows.

export const NCALAYER_URL = 'wss://127.0.0.1:13579/';

export class NcaLayerError extends Error {
  /** @param {'not_running' | 'cancelled' | 'failed'} reason @param {string} [detail] */
  constructor(reason, detail = reason) {
    super(detail);
    this.name = 'NcaLayerError';
    this.reason = reason;
  }
}

/** Opens the socket and waits for NCALayer's greeting ({"result":{"version":…}}). */
export function connect(url = NCALAYER_URL, timeoutMs = 3000) {
  return new Promise((resolve, reject) => {
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      reject(new NcaLayerError('not_running', String(error)));
      return;
    }
    const timer = setTimeout(() => {
      socket.close();
      reject(new NcaLayerError('not_running', 'no greeting from NCALayer'));
    }, timeoutMs);
    socket.onerror = () => {
      clearTimeout(timer);
      reject(new NcaLayerError('not_running', 'cannot connect to NCALayer'));
    };
    socket.onmessage = (event) => {
      clearTimeout(timer);
      socket.onerror = null;
      socket.onmessage = null;
      let greeting;
      try {
        greeting = JSON.parse(event.data);
      } catch {
        greeting = undefined;
      }
      if (!greeting?.result?.version) {
        socket.close();
        reject(new NcaLayerError('not_running', 'unexpected greeting'));
        return;
      }
      resolve(socket);
    };
  });
}

/** One request, one answer: NCALayer handles a single outstanding request per socket. */
function call(socket, request) {
  return new Promise((resolve, reject) => {
    socket.onmessage = (event) => {
      if (event.data === '--heartbeat--') return;
      try {
        resolve(JSON.parse(event.data));
      } catch {
        reject(new NcaLayerError('failed', 'unreadable answer from NCALayer'));
      }
    };
    socket.onclose = () => reject(new NcaLayerError('not_running', 'NCALayer closed the connection'));
    socket.send(JSON.stringify(request));
  });
}

/** NCALayer returns PEM-armoured CMS from basics.sign; the server wants the base64 inside. */
export function stripArmour(cms) {
  return cms.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
}

async function signWithCommonUtils(socket, base64) {
  // 'PKCS12' file storage; a key type other than SIGNATURE/AUTHENTICATION lets the person pick any key: GOST-2015 keys
  // have no AUTH twin. Attached (true), so the server reads the challenge back.
  const answer = await call(socket, {
    module: 'kz.gov.pki.knca.commonUtils',
    method: 'createCMSSignatureFromBase64',
    args: ['PKCS12', 'ANY', base64, true],
  });
  if (answer.code === '200' && typeof answer.responseObject === 'string') return stripArmour(answer.responseObject);
  if (answer.message === 'action.canceled') throw new NcaLayerError('cancelled');
  throw new NcaLayerError('failed', answer.message ?? 'NCALayer could not sign');
}

/**
 * Signs `base64` (the server's one-time challenge) as attached CMS and returns the CMS as base64.
 * `testMode` passes `signerParams.chain: []` so that NCA TEST keys are selectable (reference/kz-pki.md §1.2).
 */
export async function signChallenge(socket, base64, { testMode = false, locale = 'ru' } = {}) {
  const signerParams = { extKeyUsageOids: [] };
  if (testMode) signerParams.chain = [];
  const answer = await call(socket, {
    module: 'kz.gov.pki.knca.basics',
    method: 'sign',
    args: {
      format: 'cms',
      data: base64,
      signingParams: { decode: true, encapsulate: true, digested: false },
      signerParams,
      locale,
    },
  });
  if (answer.status === true) {
    const result = answer.body?.result;
    if (result === undefined) throw new NcaLayerError('cancelled');
    const cms = Array.isArray(result) ? result[0] : result;
    if (typeof cms !== 'string') throw new NcaLayerError('failed', 'NCALayer returned no signature');
    return stripArmour(cms);
  }
  if (answer.errorCode === 'MODULE_NOT_FOUND' || answer.code === 'MODULE_NOT_FOUND') return signWithCommonUtils(socket, base64);
  throw new NcaLayerError('failed', answer.details ?? answer.message ?? answer.code ?? 'NCALayer could not sign');
}

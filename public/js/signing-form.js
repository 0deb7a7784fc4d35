// A form that NCALayer completes: on submit, the base64 data is signed as attached CMS, put into the form's
// `signature` field, and the form is posted. Failures are said in the form's `.status` line with its data-text-* wording.
import { NcaLayerError, connect, signChallenge } from './ncalayer-client.js';

/**
 * @param {HTMLFormElement} form with data-ncalayer-url, data-test-mode, data-locale, data-text-{signing,not-running,cancelled,failed}
 * @param {string} data base64 of what to sign
 * @param {() => string | undefined} [check] a message when the form is not ready to be signed
 */
export function signOnSubmit(form, data, check = () => undefined) {
  const button = form.querySelector('button[type=submit]');
  const status = form.querySelector('.status');
  const text = form.dataset;
  const say = (message, isError) => {
    status.textContent = message;
    status.classList.toggle('error', Boolean(isError));
  };
  // A page restored from the back/forward cache holds a challenge already used: fetch a fresh one.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) window.location.reload();
  });
  form.addEventListener('submit', async (event) => {
    if (form.elements.signature.value) return;
    event.preventDefault();
    const problem = check();
    if (problem) {
      say(problem, true);
      return;
    }
    button.disabled = true;
    say(text.textSigning, false);
    let socket;
    try {
      socket = await connect(text.ncalayerUrl);
      form.elements.signature.value = await signChallenge(socket, data, { testMode: text.testMode === 'true', locale: text.locale === 'en' ? 'ru' : text.locale });
      form.submit();
    } catch (error) {
      const reason = error instanceof NcaLayerError ? error.reason : 'failed';
      say(reason === 'not_running' ? text.textNotRunning : reason === 'cancelled' ? text.textCancelled : text.textFailed, reason !== 'cancelled');
      button.disabled = false;
    } finally {
      socket?.close();
    }
  });
}

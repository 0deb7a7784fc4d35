// The sign-in form: the button asks NCALayer to sign the server's challenge, then posts e-mail, password and the CMS.
import { NcaLayerError, connect, signChallenge } from './ncalayer-client.js';

const form = document.getElementById('login-form');
const button = document.getElementById('choose-certificate');
const status = form.querySelector('.status');
const text = form.dataset;

function say(message, isError) {
  status.textContent = message;
  status.classList.toggle('error', Boolean(isError));
}

form.addEventListener('submit', async (event) => {
  if (form.elements.signature.value) return;
  event.preventDefault();
  if (!form.elements.email.value || !form.elements.password.value) {
    say(text.textFill, true);
    return;
  }
  button.disabled = true;
  say(text.textSigning, false);
  let socket;
  try {
    socket = await connect(text.ncalayerUrl);
    form.elements.signature.value = await signChallenge(socket, text.challenge, { testMode: text.testMode === 'true', locale: text.locale === 'en' ? 'ru' : text.locale });
    form.submit();
  } catch (error) {
    const reason = error instanceof NcaLayerError ? error.reason : 'failed';
    say(reason === 'not_running' ? text.textNotRunning : reason === 'cancelled' ? text.textCancelled : text.textFailed, reason !== 'cancelled');
    button.disabled = false;
  } finally {
    socket?.close();
  }
});

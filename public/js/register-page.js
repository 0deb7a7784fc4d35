// The registration pages that sign with NCALayer: step 1 signs the server's challenge, step 3 (where the deployment
// wants a signature) the agreement text.
import { signOnSubmit } from './signing-form.js';

const certificate = document.getElementById('register-certificate-form');
if (certificate) signOnSubmit(certificate, certificate.dataset.challenge);

const agreement = document.getElementById('register-agreement-form');
if (agreement?.dataset.agreement) signOnSubmit(agreement, agreement.dataset.agreement);

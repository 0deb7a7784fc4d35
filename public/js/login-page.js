// The sign-in form: the button asks NCALayer to sign the server's challenge, then posts e-mail, password and the CMS.
import { signOnSubmit } from './signing-form.js';

const form = document.getElementById('login-form');
signOnSubmit(form, form.dataset.challenge, () => (form.elements.email.value && form.elements.password.value ? undefined : form.dataset.textFill));
